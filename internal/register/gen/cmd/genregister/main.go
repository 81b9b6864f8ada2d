// Command genregister writes a synthetic complaint register as CSV:
//
//	go run ./internal/register/gen/cmd/genregister -rows 1000000 -o register.csv
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/fcmn/infocentre/internal/register/gen"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "complaints to write")
	year := flag.Int("year", 2023, "first year of receipt (the register spans it and the next)")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output file (default stdout)")
	flag.Parse()
	if err := write(*out, gen.Config{Rows: *rows, FirstYear: *year, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "genregister:", err)
		os.Exit(1)
	}
}

func write(path string, cfg gen.Config) error {
	if path == "" {
		return gen.Write(os.Stdout, cfg)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(gen.Write(f, cfg), f.Close())
}
