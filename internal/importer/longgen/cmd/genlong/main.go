// Command genlong writes the long CSV of `make bench-import`: the
// observations of longgen.Observations for every organisation of the
// catalogue and each year in [-from, -to] (by default those of
// BenchmarkImportCSV100k, 86,658 observations), as the generator's plain
// CSV or, with -exported, shaped as administrations export it (the file of
// BenchmarkImportCSV100kAsExported). It prints the observations written.
//
//	genlong -o long.csv [-exported] [-from 2000 -to 2100]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/fcmn/infocentre/internal/importer/longgen"
	"github.com/fcmn/infocentre/internal/reference"
)

func main() {
	out := flag.String("o", "", "file to write")
	exported := flag.Bool("exported", false, "shape the file as administrations export it")
	from := flag.Int("from", longgen.CSVFrom, "first year")
	to := flag.Int("to", longgen.CSVTo, "last year")
	flag.Parse()
	if *out == "" || *from > *to {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(*out, *exported, *from, *to); err != nil {
		fmt.Fprintln(os.Stderr, "genlong:", err)
		os.Exit(1)
	}
}

func write(path string, exported bool, from, to int) error {
	ref, err := reference.Load()
	if err != nil {
		return err
	}
	obs := longgen.Observations(ref, from, to)
	if exported {
		err = longgen.WriteCSVAsExported(path, ref, obs)
	} else {
		err = longgen.WriteCSV(path, obs)
	}
	if err != nil {
		return err
	}
	fmt.Printf("observations %d\n", len(obs))
	return nil
}
