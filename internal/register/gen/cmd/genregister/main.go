// Command genregister writes a synthetic complaint register as CSV, or with
// -xlsx as an administration's Excel export (title line, French headers,
// date cells):
//
//	go run ./internal/register/gen/cmd/genregister -rows 1000000 -o register.csv
//	go run ./internal/register/gen/cmd/genregister -rows 200000 -xlsx -o register.xlsx
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/fcmn/infocentre/internal/register/gen"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "complaints to write")
	year := flag.Int("year", 2023, "first year of receipt (the register spans it and the next)")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output file (default stdout)")
	xlsx := flag.Bool("xlsx", false, "write an XLSX workbook instead of CSV")
	flag.Parse()
	writer := gen.Write
	if *xlsx {
		writer = gen.WriteXLSX
	}
	if err := write(*out, writer, gen.Config{Rows: *rows, FirstYear: *year, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "genregister:", err)
		os.Exit(1)
	}
}

func write(path string, writer func(io.Writer, gen.Config) error, cfg gen.Config) error {
	if path == "" {
		return writer(os.Stdout, cfg)
	}
	return gen.WriteFile(path, writer, cfg)
}
