// Package opendata publishes the approved figures as open data: stable CSV
// and Parquet downloads, regenerated whenever the published data changes,
// and a DCAT-AP (DCAT-AP BE) catalogue describing them for data.gov.be.
// It knows nothing of HTTP.
package opendata

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// Files are the current downloads and what the catalogue says of them.
type Files struct {
	CSV, Parquet         string // paths
	CSVSize, ParquetSize int64
	Version              int64
	Modified             time.Time // when the published figures last changed
	Years                []int     // temporal coverage, oldest first
}

// Publisher keeps the downloads of the current data version in a folder.
type Publisher struct {
	st  *store.Store
	dir string

	mu      sync.Mutex
	current *Files
}

// New returns a publisher writing into dir, created on first use; an empty
// dir means a new temporary folder, made only if the files are asked for.
func New(st *store.Store, dir string) *Publisher {
	return &Publisher{st: st, dir: dir}
}

// Current returns the downloads of the data version now published,
// writing them first when the version changed since the last call (a new
// approval, say). Requests during the rewrite wait for it; the files of a
// version are written under temporary names and renamed into place, so a
// download in progress is never cut short.
func (p *Publisher) Current(ctx context.Context) (Files, error) {
	version, err := p.st.DataVersion(ctx)
	if err != nil {
		return Files{}, fmt.Errorf("opendata: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.current != nil && p.current.Version == version {
		return *p.current, nil
	}
	f, err := p.write(ctx, version)
	if err != nil {
		return Files{}, err
	}
	p.current = &f
	return f, nil
}

func (p *Publisher) write(ctx context.Context, version int64) (Files, error) {
	f := Files{Version: version}
	var err error
	if p.dir == "" {
		p.dir, err = os.MkdirTemp("", "infocentre-open-data-")
	} else {
		err = os.MkdirAll(p.dir, 0o750)
	}
	if err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	if f.Modified, err = p.st.PublishedModified(ctx); err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	obs, err := p.st.Published(ctx, store.Filter{})
	if err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	for _, o := range obs {
		if !slices.Contains(f.Years, o.Year) {
			f.Years = append(f.Years, o.Year)
		}
	}
	slices.Sort(f.Years)
	tag := strconv.FormatUint(uint64(version), 16)
	f.CSV = filepath.Join(p.dir, "observations-"+tag+".csv")
	f.Parquet = filepath.Join(p.dir, "observations-"+tag+".parquet")
	tmp := filepath.Join(p.dir, "observations-"+tag+".csv.tmp")
	out, err := os.Create(tmp)
	if err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	if err := WriteCSV(out, obs); err != nil {
		out.Close()
		return f, fmt.Errorf("opendata: write %s: %w", tmp, err)
	}
	if err := out.Close(); err != nil {
		return f, fmt.Errorf("opendata: write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, f.CSV); err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	tmp = filepath.Join(p.dir, "observations-"+tag+".tmp.parquet")
	os.Remove(tmp) // a temporary file left by a crash must not be in the way
	if err := p.st.CopyPublishedParquet(ctx, tmp); err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	if err := os.Rename(tmp, f.Parquet); err != nil {
		return f, fmt.Errorf("opendata: %w", err)
	}
	for _, path := range []string{f.CSV, f.Parquet} {
		st, err := os.Stat(path)
		if err != nil {
			return f, fmt.Errorf("opendata: %w", err)
		}
		if path == f.CSV {
			f.CSVSize = st.Size()
		} else {
			f.ParquetSize = st.Size()
		}
	}
	p.removeOld(f)
	return f, nil
}

// removeOld deletes the files of earlier versions; one still being
// downloaded stays readable until its reader closes it.
func (p *Publisher) removeOld(keep Files) {
	old, _ := filepath.Glob(filepath.Join(p.dir, "observations-*"))
	for _, path := range old {
		if path != keep.CSV && path != keep.Parquet {
			os.Remove(path)
		}
	}
}

// WriteCSV writes the export's contract format: the header
// organisation,year,indicator,breakdown,value, codes, UTF-8, ',' between
// fields, '.' as decimal point and unrounded values.
func WriteCSV(w io.Writer, obs []domain.Observation) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"organisation", "year", "indicator", "breakdown", "value"})
	for _, o := range obs {
		cw.Write([]string{o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64)})
	}
	cw.Flush()
	return cw.Error()
}
