package importer

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer/longgen"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/xuri/excelize/v2"
)

// benchImport measures, side by side in each iteration, the whole import of
// a file (parse, rules, one transaction) into a fresh database and a
// baseline, and reports both and their ratio.
func benchImport(b *testing.B, file string, baseline func(st *store.Store) error) {
	ref, err := reference.Load()
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	var importTime, baseTime time.Duration
	rows := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), ref)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := baseline(st); err != nil {
			b.Fatal(err)
		}
		baseTime += time.Since(start)
		b.StartTimer()
		start = time.Now()
		rep, err := New(st, logger).Import(ctx, Request{Name: filepath.Base(file), Data: data, Source: "bench", Status: domain.StatusApproved})
		importTime += time.Since(start)
		b.StopTimer()
		if err != nil || !rep.Accepted() {
			b.Fatalf("import refused: %v %v", err, rep.Problems)
		}
		rows = len(rep.Observations)
		st.Close()
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(baseTime.Nanoseconds())/float64(b.N), "baseline-ns/op")
	b.ReportMetric(float64(importTime)/float64(baseTime), "ratio")
}

// BenchmarkImportCSV100k imports an 86,658-row long CSV; the baseline is
// DuckDB's own read_csv of the same file into a table.
func BenchmarkImportCSV100k(b *testing.B) {
	ref, _ := reference.Load()
	path := filepath.Join(b.TempDir(), "long.csv")
	if err := longgen.WriteCSV(path, longgen.Observations(ref, longgen.CSVFrom, longgen.CSVTo)); err != nil {
		b.Fatal(err)
	}
	benchImport(b, path, func(st *store.Store) error { return st.BaselineReadCSV(context.Background(), path) })
}

// BenchmarkImportCSV100kAsExported imports the same observations as
// BenchmarkImportCSV100k from a file shaped as administrations export it
// (longgen.WriteCSVAsExported: Windows-1252, CRLF, a title line, French headers
// and labels, ';', decimal comma, dd/mm/yyyy); the baseline is DuckDB's
// read_csv of that file told its separator, title line, encoding, decimal
// mark and date format.
func BenchmarkImportCSV100kAsExported(b *testing.B) {
	ref, _ := reference.Load()
	f := longgen.AsExported
	f.Path = filepath.Join(b.TempDir(), "export plaintes.csv")
	if err := longgen.WriteCSVAsExported(f.Path, ref, longgen.Observations(ref, longgen.CSVFrom, longgen.CSVTo)); err != nil {
		b.Fatal(err)
	}
	benchImport(b, f.Path, func(st *store.Store) error { return st.BaselineReadCSVAsExported(context.Background(), f) })
}

// BenchmarkImportXLSX20k imports a 20,592-row long XLSX; the baseline is
// excelize's bare row iteration of the same workbook.
func BenchmarkImportXLSX20k(b *testing.B) {
	ref, _ := reference.Load()
	path := filepath.Join(b.TempDir(), "long.xlsx")
	if err := longgen.WriteXLSX(path, longgen.Observations(ref, 2000, 2023)); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchImport(b, path, func(*store.Store) error { return bareExcelizeRows(data) })
}

// bareExcelizeRows reads every row of every sheet and nothing more.
func bareExcelizeRows(data []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return err
		}
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				return err
			}
		}
		rows.Close()
	}
	return nil
}
