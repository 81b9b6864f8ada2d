// Command gen writes the sample exports of samples/exports, one file per
// shape the importer must read, and samples/expected.csv, the observations
// they must produce together. Run it from the repository root:
//
//	go run ./samples/gen
//
// Every figure comes from a fixed seed and no content depends on the clock,
// so running it again rewrites the same bytes.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/fcmn/infocentre/internal/reference"
)

func main() {
	dir := flag.String("dir", "samples", "directory to write exports/ and expected.csv into")
	flag.Parse()
	if err := run(*dir); err != nil {
		slog.Error("generate samples", "err", err)
		os.Exit(1)
	}
	slog.Info("samples written", "dir", *dir)
}

// run writes every export into dir/exports, replacing what was there, and
// dir/expected.csv.
func run(dir string) error {
	cat, err := reference.Load()
	if err != nil {
		return fmt.Errorf("gen: load reference: %w", err)
	}
	b := newBook(cat)
	exports := plan()
	if err := checkNames(exports); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	out := filepath.Join(dir, "exports")
	// Start empty so that a renamed sample leaves no stale file behind.
	if err := os.RemoveAll(out); err != nil {
		return fmt.Errorf("gen: clear %s: %w", out, err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	for _, e := range exports {
		data, err := e.write(b, e.recs)
		if err != nil {
			return fmt.Errorf("gen: write %s: %w", e.name, err)
		}
		if err := os.WriteFile(filepath.Join(out, e.name), data, 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	expected := filepath.Join(dir, "expected.csv")
	if err := os.WriteFile(expected, expectedCSV(supersede(exports)), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}
