package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// benchRows is the size of the file both benchmarks load.
const benchRows = 100_000

// BenchmarkImport100k imports a 100k-observation file (every reference
// organisation, many years, every indicator and breakdown key) into a store
// that already holds the previous iterations: each iteration is a new
// version of every organisation-year.
func BenchmarkImport100k(b *testing.B) {
	s, _ := MustOpen(b)
	obs := sampleObservations(s.Reference(), benchRows, 2024, 1)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		name := fmt.Sprintf("bench%d.csv", i)
		req := ImportRequest{FileName: name, SHA256: fakeSHA(name), Source: "cli", Kind: domain.KindFile,
			Status: domain.StatusApproved, Observations: obs}
		res, err := s.Import(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Created) == 0 {
			b.Fatal("nothing imported")
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadCSVBaseline times DuckDB's own read_csv of the same rows as a
// long CSV into a fresh table of the same kind of store: the yardstick for
// BenchmarkImport100k.
func BenchmarkReadCSVBaseline(b *testing.B) {
	s, _ := MustOpen(b)
	path := filepath.Join(b.TempDir(), "long.csv")
	writeLongCSV(b, path, sampleObservations(s.Reference(), benchRows, 2024, 1))
	ctx := context.Background()
	for b.Loop() {
		if err := s.BaselineReadCSV(ctx, path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// writeLongCSV writes observations in the long layout.
func writeLongCSV(tb testing.TB, path string, obs []domain.Observation) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("organisation,year,indicator,breakdown,value\n")
	for _, o := range obs {
		fmt.Fprintf(w, "%s,%d,%s,%s,%s\n", o.Organisation, o.Year, o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64))
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}
