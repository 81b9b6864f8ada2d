// Command registerbaseline is the yardstick of `make bench-register`: a
// whole process of DuckDB alone loading a generated register file (in any
// of the shapes the benchmark writes) into a table of a new database file,
// committed, and computing the same register_indicators.sql. It prints the
// complaints counted. With -xlsx it is the yardstick of an XLSX register,
// which DuckDB cannot read: bare excelize streaming every cell of the sheet,
// as any reader of the workbook must; it prints the rows read.
//
//	registerbaseline -db new.duckdb -csv register.csv [-delim ';' -skip 2 -dateformat %d/%m/%Y -encoding latin-1]
//	registerbaseline -xlsx register.xlsx
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/register/gen"
	"github.com/fcmn/infocentre/internal/store"
)

func main() {
	db := flag.String("db", "", "new DuckDB file")
	var f store.BaselineCSV
	flag.StringVar(&f.Path, "csv", "", "register CSV")
	flag.StringVar(&f.Delimiter, "delim", ",", "separator")
	flag.IntVar(&f.Skip, "skip", 0, "lines above the header")
	flag.StringVar(&f.DateFormat, "dateformat", "%Y-%m-%d", "date format")
	flag.StringVar(&f.Encoding, "encoding", "utf-8", "utf-8 or latin-1")
	org := flag.String("org", "FIN", "organisation code")
	xlsx := flag.String("xlsx", "", "register workbook: read it with bare excelize instead")
	flag.Parse()
	run := func() error { return load(*db, f, *org) }
	if *xlsx != "" {
		run = func() error { return readXLSX(*xlsx) }
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "registerbaseline:", err)
		os.Exit(1)
	}
}

// readXLSX streams every row of the workbook's first sheet, cells as raw
// values, and prints how many rows hold something.
func readXLSX(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		if len(cells) > 0 {
			n++
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	fmt.Printf("rows %d\n", n)
	return nil
}

func load(db string, f store.BaselineCSV, org string) error {
	ref, err := reference.Load()
	if err != nil {
		return err
	}
	codes := func(breakdown string) []string {
		var out []string
		for _, v := range ref.BreakdownValuesOf(breakdown) {
			out = append(out, v.Code)
		}
		return out
	}
	obs, err := store.BaselineRegisterFile(context.Background(), db, f, org, gen.Values(ref, org),
		codes("channel"), codes("language"), codes("type"))
	if err != nil {
		return err
	}
	var received float64
	for _, o := range obs {
		if o.Indicator == "received" {
			received += o.Value
		}
	}
	fmt.Printf("received %.0f\n", received)
	return nil
}
