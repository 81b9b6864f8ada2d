// Command importbaseline is the yardstick of `make bench-import`: a whole
// process of DuckDB alone opening a new database file and loading a long
// CSV written by genlong with read_csv into a table, committed, then
// closing it (store.BaselineImportFile). With -exported the file is shaped
// as administrations export it and read_csv is told longgen.AsExported's
// options. It prints the rows loaded.
//
//	importbaseline -db new.duckdb -csv long.csv [-exported]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/fcmn/infocentre/internal/importer/longgen"
	"github.com/fcmn/infocentre/internal/store"
)

func main() {
	db := flag.String("db", "", "new DuckDB file")
	csv := flag.String("csv", "", "long CSV")
	exported := flag.Bool("exported", false, "the file is shaped as administrations export it")
	flag.Parse()
	if *db == "" || *csv == "" {
		flag.Usage()
		os.Exit(2)
	}
	f := store.BaselineCSV{Path: *csv}
	if *exported {
		f = longgen.AsExported
		f.Path = *csv
	}
	rows, err := store.BaselineImportFile(context.Background(), *db, f, *exported)
	if err != nil {
		fmt.Fprintln(os.Stderr, "importbaseline:", err)
		os.Exit(1)
	}
	fmt.Printf("rows %d\n", rows)
}
