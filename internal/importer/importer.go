// Package importer is the one way a file becomes data: it parses it (ingest),
// checks the consistency rules against what is stored, and writes it in one
// transaction (store). The CLI, the demo loader and the web upload all use it.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"sync"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/consistency"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/register"
	"github.com/fcmn/infocentre/internal/store"
)

// Importer imports files into a store.
type Importer struct {
	st     *store.Store
	parser *ingest.Parser
	logger *slog.Logger
}

// New returns an importer writing to st.
func New(st *store.Store, logger *slog.Logger) *Importer {
	return &Importer{st: st, parser: ingest.NewLiveParser(st.Reference).RecogniseRegisters(register.HeaderRecogniser()).InTempDir(st.TempDir()), logger: logger}
}

// Request is one file to import.
type Request struct {
	Name    string
	Data    []byte
	Options ingest.Options
	Source  string // who sends it
	Kind    string // domain.KindForm for the online form's figures; a file (domain.KindFile) when empty
	Status  string // domain.StatusApproved or domain.StatusSubmitted
	DryRun  bool   // check only, write nothing
	// Audit, when set, is who sends the file and from where: its "upload"
	// entry is written in the import's transaction (store.ImportRequest).
	Audit *domain.AuditEntry
}

// Report is the outcome of one file: what was read and, if it was accepted
// and not a dry run, what was written.
type Report struct {
	*ingest.Result
	SHA256 string
	Stored store.ImportResult
}

// Check parses a file and applies the consistency rules with the stored
// figures, writing nothing.
func (im *Importer) Check(ctx context.Context, name string, data []byte, opts ingest.Options) (*Report, error) {
	rep := im.parse(name, data, opts)
	if !rep.Accepted() {
		return rep, nil
	}
	problems, err := im.rules(ctx, rep)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		rep.AddProblem(p)
	}
	return rep, nil
}

// parse reads a file and fingerprints it.
func (im *Importer) parse(name string, data []byte, opts ingest.Options) *Report {
	sum := sha256.Sum256(data)
	return &Report{Result: im.parser.Parse(name, data, opts), SHA256: hex.EncodeToString(sum[:])}
}

// rules applies the consistency rules to a parsed file, with the figures
// already published for its organisations and years.
func (im *Importer) rules(ctx context.Context, rep *Report) ([]domain.Problem, error) {
	stored, err := im.storedFor(ctx, rep.Result)
	if err != nil {
		return nil, fmt.Errorf("importer: check %s: %w", rep.File, err)
	}
	problems, err := consistency.Check(rep.File, rep.Observations, rep.Places, func(org string, year int) ([]domain.Observation, error) {
		return stored[orgYear{org, year}], nil
	})
	if err != nil {
		return nil, fmt.Errorf("importer: check %s: %w", rep.File, err)
	}
	return problems, nil
}

type orgYear struct {
	org  string
	year int
}

// storedFor fetches, in one query, the published figures of every
// organisation and year the file carries.
func (im *Importer) storedFor(ctx context.Context, res *ingest.Result) (map[orgYear][]domain.Observation, error) {
	pub, err := im.st.Published(ctx, store.Filter{Organisations: res.Organisations(), Years: res.Years()})
	if err != nil {
		return nil, err
	}
	out := map[orgYear][]domain.Observation{}
	for _, o := range pub {
		k := orgYear{o.Organisation, o.Year}
		out[k] = append(out[k], o)
	}
	return out, nil
}

// errRefused stops a write whose file the consistency rules refused.
var errRefused = errors.New("refused by the consistency rules")

// Import checks a file and, if it is accepted, writes it whole. The
// consistency rules run while the file is being written: the transaction
// commits only once they have passed, so a refused file still writes
// nothing.
func (im *Importer) Import(ctx context.Context, req Request) (*Report, error) {
	if req.DryRun {
		return im.Check(ctx, req.Name, req.Data, req.Options)
	}
	rep := im.parse(req.Name, req.Data, req.Options)
	if !rep.Accepted() {
		return rep, nil
	}
	type verdict struct {
		problems []domain.Problem
		err      error
	}
	checked := make(chan verdict, 1)
	go func() {
		problems, err := im.rules(ctx, rep)
		checked <- verdict{problems, err}
	}()
	accept := sync.OnceValue(func() error {
		v := <-checked
		if v.err != nil {
			return v.err
		}
		for _, p := range v.problems {
			rep.AddProblem(p)
		}
		if !rep.Accepted() {
			return errRefused
		}
		return nil
	})
	kind := req.Kind
	if kind == "" {
		kind = domain.KindFile
	}
	stored, err := im.st.ImportIf(ctx, store.ImportRequest{
		FileName:     path.Base(req.Name),
		SHA256:       rep.SHA256,
		Source:       req.Source,
		Kind:         kind,
		Status:       req.Status,
		Observations: rep.Observations,
		Audit:        req.Audit,
	}, accept)
	// The rules are awaited even when the store had nothing to write (an
	// identical file) or failed first, so that the report is complete.
	switch verr := accept(); {
	case errors.Is(verr, errRefused):
		return rep, nil
	case verr != nil:
		return nil, verr
	case err != nil:
		return nil, fmt.Errorf("importer: import %s: %w", req.Name, err)
	}
	rep.Stored = stored
	return rep, nil
}

// LoadDemo imports every file of fsys, in name order, as approved
// submissions, unless the store already holds submissions. It reports how
// many files it imported.
func (im *Importer) LoadDemo(ctx context.Context, fsys fs.FS) (int, error) {
	hist, err := im.st.HasSubmissions(ctx)
	if err != nil {
		return 0, fmt.Errorf("importer: demo: %w", err)
	}
	if hist {
		im.logger.Info("demo data not loaded: the database already holds submissions")
		return 0, nil
	}
	names, err := demoFiles(fsys)
	if err != nil {
		return 0, fmt.Errorf("importer: demo: %w", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return 0, fmt.Errorf("importer: demo %s: %w", name, err)
		}
		rep, err := im.Import(ctx, Request{Name: name, Data: data, Source: "demo", Status: domain.StatusApproved})
		if err != nil {
			return 0, err
		}
		if !rep.Accepted() {
			return 0, fmt.Errorf("importer: demo file %s refused: %s", name, rep.Problems[0])
		}
	}
	im.logger.Info("demo data loaded", "files", len(names))
	return len(names), nil
}

// demoFiles lists the CSV and XLSX files of fsys in name order.
func demoFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch path.Ext(p) {
		case ".csv", ".xlsx":
			if path.Base(p) != "expected.csv" {
				names = append(names, p)
			}
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}
