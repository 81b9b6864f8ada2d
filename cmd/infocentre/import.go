package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
)

// defaultMaxFileBytes bounds what the CLI reads of one file.
const defaultMaxFileBytes = 64 << 20

func runImport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("import", e)
	db := dbFlag(fs)
	org := fs.String("org", "", "organisation code, when the file does not name it")
	year := fs.Int("year", 0, "year, when the file does not give it")
	dryRun := fs.Bool("dry-run", false, "check the files, write nothing")
	submitOnly := fs.Bool("submit-only", false, "record the submissions as submitted, for review, instead of approved")
	source := fs.String("source", "cli", "who sends the files, recorded with each submission")
	maxBytes := fs.Int64("max-bytes", defaultMaxFileBytes, "refuse files larger than this")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: infocentre import --db PATH [--org CODE] [--year YYYY] [--dry-run] [--submit-only] FILE...")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	code, err := orgCode(st, *org)
	if err != nil {
		return err
	}
	status := submissionStatus(*submitOnly)
	im := importer.New(st, e.logger)
	refused := 0
	for _, name := range fs.Args() {
		data, err := readLimited(name, *maxBytes)
		if err != nil {
			fmt.Fprintf(e.stdout, "%s: refused\n  error: %v\n", name, err)
			refused++
			continue
		}
		rep, err := im.Import(ctx, importer.Request{
			Name: name, Data: data, Source: *source, Status: status, DryRun: *dryRun,
			Options: ingest.Options{Organisation: code, Year: *year},
		})
		if err != nil {
			return err
		}
		printReport(e.stdout, rep, *dryRun)
		if !rep.Accepted() {
			refused++
		}
	}
	if refused > 0 {
		fmt.Fprintf(e.stdout, "%d of %d files refused; nothing was written for them\n", refused, fs.NArg())
		return exitError{1}
	}
	return nil
}

// readLimited reads a file, refusing it beyond max bytes.
func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("the file is larger than %d MB", max>>20)
	}
	return data, nil
}

func printReport(w io.Writer, rep *importer.Report, dryRun bool) {
	verdict := "accepted"
	switch {
	case !rep.Accepted():
		verdict = "refused"
	case dryRun:
		verdict = "accepted (dry run: nothing written)"
	}
	fmt.Fprintf(w, "%s: %s\n", rep.File, verdict)
	if rep.Layout != "" {
		fmt.Fprintf(w, "  format: %s, %s layout\n", rep.Format, rep.Layout)
	}
	fmt.Fprintf(w, "  organisation: %s\n  years: %s\n  observations: %d\n  warnings: %d\n  errors: %d\n",
		orNone(strings.Join(rep.Organisations(), ", ")), orNone(joinInts(rep.Years())), len(rep.Observations),
		rep.Count(domain.SeverityWarning), rep.Count(domain.SeverityError))
	for _, s := range rep.Stored.Created {
		fmt.Fprintf(w, "  stored: submission %d, %s %d version %d (%s)\n", s.ID, s.Organisation, s.Year, s.Version, s.Status)
	}
	for _, s := range rep.Stored.Unchanged {
		fmt.Fprintf(w, "  unchanged: %s %d is identical to submission %d (version %d); nothing written\n", s.Organisation, s.Year, s.ID, s.Version)
	}
	for i, p := range rep.Problems {
		if i == maxProblemsShown {
			fmt.Fprintf(w, "  ... and %d more problems\n", len(rep.Problems)-maxProblemsShown)
			break
		}
		fmt.Fprintf(w, "  %s: %s\n", p.Severity, p)
	}
}

// maxProblemsShown keeps a hopeless file's report readable.
const maxProblemsShown = 100

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}
