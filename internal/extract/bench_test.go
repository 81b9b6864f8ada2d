package extract

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// The benchmarks compare WriteXLSX with a bare excelize StreamWriter writing
// the same rows and columns from memory, in one run:
//
//	go test ./internal/extract -run '^$' -bench 'XLSX|StreamWriter' -benchtime 3x
//
// Each reports peak-heap-MiB: the highest live heap (runtime/metrics
// /gc/heap/live:bytes, sampled every millisecond) above what
// was live when the timed work started. For WriteXLSX that is everything
// the extract holds while it streams; the bare writer's input rows, built
// beforehand, are not counted. DuckDB's own memory is outside the Go heap.

func BenchmarkExtractXLSX10k(b *testing.B)       { benchExtract(b, 10_000) }
func BenchmarkExtractXLSX100k(b *testing.B)      { benchExtract(b, 100_000) }
func BenchmarkBareStreamWriter10k(b *testing.B)  { benchBare(b, 10_000) }
func BenchmarkBareStreamWriter100k(b *testing.B) { benchBare(b, 100_000) }
func BenchmarkExtractCSV100k(b *testing.B)       { benchCSV(b, 100_000) }
func BenchmarkExtractXLSXWide100k(b *testing.B)  { benchExtractWide(b, 100_000) }

func benchExtract(b *testing.B, rows int) {
	x := benchExtractor(b, rows)
	measure(b, rows, func() error { return x.WriteXLSX(context.Background(), io.Discard, Request{}) })
}

func benchExtractWide(b *testing.B, rows int) {
	x := benchExtractor(b, rows)
	measure(b, rows, func() error {
		return x.WriteXLSX(context.Background(), io.Discard, Request{Layout: LayoutWide})
	})
}

func benchCSV(b *testing.B, rows int) {
	x := benchExtractor(b, rows)
	measure(b, rows, func() error { return x.WriteCSV(context.Background(), io.Discard, Request{}) })
}

// benchBare writes the rows of the long Data sheet, resolved beforehand,
// with nothing but a StreamWriter: the floor WriteXLSX is measured against.
func benchBare(b *testing.B, rows int) {
	x := benchExtractor(b, rows)
	published, err := x.st.Published(context.Background(), store.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	l := newLabels(x.ref(), "en")
	type bareRow struct {
		org, name, indicator, label, breakdown, breakdownLabel, unit string
		year                                                         int
		value                                                        float64
	}
	input := make([]bareRow, len(published))
	for i, o := range published {
		input[i] = bareRow{o.Organisation, l.organisation(o.Organisation), o.Indicator, l.indicator(o.Indicator),
			o.Breakdown, l.breakdown(o.Indicator, o.Breakdown), l.unitLabel(o.Indicator), o.Year, o.Value}
	}
	published = nil
	measure(b, len(input), func() error {
		f := excelize.NewFile()
		defer f.Close()
		format := "#,##0"
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			return err
		}
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		header := make([]any, len(longHeaders("en")))
		for i, h := range longHeaders("en") {
			header[i] = h
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		row := make([]any, 9)
		for i, r := range input {
			row[0], row[1], row[2], row[3], row[4] = r.org, r.name, r.year, r.indicator, r.label
			row[5], row[6], row[7], row[8] = r.breakdown, r.breakdownLabel, excelize.Cell{StyleID: style, Value: r.value}, r.unit
			cell, err := excelize.CoordinatesToCellName(1, i+2)
			if err != nil {
				return err
			}
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		return f.Write(io.Discard)
	})
}

// measure runs work b.N times and reports rows, the peak heap growth and
// the CPU time per run (user and system, all threads, DuckDB's included):
// on a shared machine the wall-clock ns/op of two benchmarks run one after
// the other can differ by 2x for nothing, CPU time much less.
func measure(b *testing.B, rows int, work func() error) {
	b.ReportAllocs()
	runtime.GC()
	base := heapObjects()
	peak := newPeakSampler()
	cpu := cpuTime(b)
	n := 0
	for b.Loop() {
		n++
		if err := work(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime(b)-cpu)/float64(n), "cpu-ns/op")
	b.ReportMetric(float64(peak.stop()-base)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(rows), "rows")
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// peakSampler records the highest heapObjects value until stopped.
type peakSampler struct {
	done chan struct{}
	peak chan uint64
}

func newPeakSampler() *peakSampler {
	p := &peakSampler{done: make(chan struct{}), peak: make(chan uint64)}
	go func() {
		highest := heapObjects()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.done:
				p.peak <- max(highest, heapObjects())
				return
			case <-tick.C:
				highest = max(highest, heapObjects())
			}
		}
	}()
	return p
}

func (p *peakSampler) stop() uint64 {
	close(p.done)
	return <-p.peak
}

// benchStores keeps one filled store per size for the whole run, shared by
// the benchmarks of that size: filling 100k figures takes seconds. TestMain
// closes them.
var benchStores = struct {
	sync.Mutex
	dirs       []string
	stores     []*store.Store
	extractors map[int]*Extractor
}{extractors: map[int]*Extractor{}}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, st := range benchStores.stores {
		st.Close()
	}
	for _, dir := range benchStores.dirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// benchExtractor returns an extractor over a store publishing at least rows
// synthetic figures: every organisation, every series of the catalogue,
// as many years back from 2024 as it takes.
func benchExtractor(b *testing.B, rows int) *Extractor {
	b.Helper()
	benchStores.Lock()
	defer benchStores.Unlock()
	if x, ok := benchStores.extractors[rows]; ok {
		return x
	}
	ref, err := reference.Load()
	if err != nil {
		b.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "extract-bench")
	if err != nil {
		b.Fatal(err)
	}
	benchStores.dirs = append(benchStores.dirs, dir)
	st, err := store.Open(context.Background(), dir+"/bench.duckdb", ref)
	if err != nil {
		b.Fatal(err)
	}
	benchStores.stores = append(benchStores.stores, st)

	var obs []domain.Observation
	for year := 2024; len(obs) < rows; year-- {
		for _, org := range ref.OrganisationCodes() {
			for _, in := range ref.Indicators {
				breakdowns := []string{""}
				if values := ref.BreakdownValuesOf(in.Breakdown); len(values) > 0 {
					breakdowns = breakdowns[:0]
					for _, v := range values {
						breakdowns = append(breakdowns, v.Code)
					}
				}
				for _, bd := range breakdowns {
					value := float64(len(obs)%5000) + 1
					if in.Unit == "days" {
						value /= 7
					}
					obs = append(obs, domain.Observation{Organisation: org, Year: year, Indicator: in.Code, Breakdown: bd, Value: value})
				}
			}
		}
	}
	if _, err := st.Import(context.Background(), store.ImportRequest{
		FileName: fmt.Sprintf("bench_%d.csv", rows), SHA256: fmt.Sprintf("%064x", rows), Source: "bench",
		Kind: domain.KindFile, Status: domain.StatusApproved, Observations: obs,
	}); err != nil {
		b.Fatal(err)
	}
	x := New(st, "bench")
	benchStores.extractors[rows] = x
	return x
}
