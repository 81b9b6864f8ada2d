package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/locale"
)

// defaultMaxFileBytes bounds what the CLI reads of one file.
const defaultMaxFileBytes = 64 << 20

func runImport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("import", e, "cli.usage.import")
	db := dbFlag(fs)
	org := fs.String("org", "", "cli.flag.import.org")
	year := fs.Int("year", 0, "cli.flag.import.year")
	dryRun := fs.Bool("dry-run", false, "cli.flag.import.dry-run")
	submitOnly := fs.Bool("submit-only", false, "cli.flag.import.submit-only")
	source := fs.String("source", "cli", "cli.flag.import.source")
	maxBytes := fs.Int64("max-bytes", defaultMaxFileBytes, "cli.flag.import.max-bytes")
	rem := remoteFlags(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	if cl != nil {
		// The server reads the organisation and year from the file, and
		// records the coordinator of the token as its source.
		if err := localOnly(fs, "org", "year", "source"); err != nil {
			return err
		}
		return remoteImport(ctx, e, cl, fs.Args(), *maxBytes, *dryRun, *submitOnly)
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
	defer gcForImport()()
	status := submissionStatus(*submitOnly)
	im := importer.New(st, e.logger)
	audit := cliActor()
	refused := 0
	for _, name := range fs.Args() {
		data, err := readLimited(name, *maxBytes)
		if err != nil {
			fmt.Fprintln(e.stdout, e.p.Named("cli.unreadable", map[string]string{"file": name, "error": domain.ErrorText(err, e.p)}))
			refused++
			continue
		}
		rep, err := im.Import(ctx, importer.Request{
			Name: name, Data: data, Source: *source, Status: status, DryRun: *dryRun,
			Options: ingest.Options{Organisation: code, Year: *year}, Audit: &audit,
		})
		if err != nil {
			return err
		}
		printReport(e.stdout, e.p, rep, *dryRun)
		if !rep.Accepted() {
			refused++
		}
	}
	return filesRefused(e, refused, fs.NArg())
}

// filesRefused ends an import: exit status 1 when a file was refused.
func filesRefused(e env, refused, files int) error {
	if refused > 0 {
		fmt.Fprintln(e.stdout, e.p.N("cli.files_refused", files, refused, files))
		return exitError{1}
	}
	return nil
}

// uploadAnswer is what POST /api/v1/submissions answers that the command
// line prints.
type uploadAnswer struct {
	Status        string              `json:"status"`
	Organisations []string            `json:"organisations"`
	Years         []int               `json:"years"`
	Observations  int                 `json:"observations"`
	Warnings      []domain.Problem    `json:"warnings"`
	Problems      []domain.Problem    `json:"problems"`
	MoreProblems  int                 `json:"more_problems"`
	Message       string              `json:"message"`
	Format        string              `json:"format"`
	Layout        string              `json:"layout"`
	ErrorCount    int                 `json:"error_count"`
	WarningCount  int                 `json:"warning_count"`
	Created       []domain.Submission `json:"created"`
	Unchanged     []domain.Submission `json:"unchanged"`
}

// remoteImport is `import --server`: each file is uploaded through the
// API, which checks and stores it as submitted; unless --submit-only the
// coordinator's token then approves what it created, as a local import
// records it.
func remoteImport(ctx context.Context, e env, cl *apiclient.Client, names []string, maxBytes int64, dryRun, submitOnly bool) error {
	refused := 0
	for _, name := range names {
		data, err := readLimited(name, maxBytes)
		if err != nil {
			fmt.Fprintln(e.stdout, e.p.Named("cli.unreadable", map[string]string{"file": name, "error": domain.ErrorText(err, e.p)}))
			refused++
			continue
		}
		var ans uploadAnswer
		if _, err := cl.Upload(ctx, "/api/v1/submissions", dryRunQuery(dryRun), filepath.Base(name), bytes.NewReader(data), &ans); err != nil {
			return err
		}
		accepted := ans.Status != "refused"
		if accepted && !submitOnly {
			if err := approveAll(ctx, cl, ans.Created); err != nil {
				return err
			}
		}
		if !accepted && ans.ErrorCount == 0 && ans.Message != "" {
			// Refused before its values were read (explanations missing).
			ans.Problems = append(ans.Problems, domain.Problem{Severity: domain.SeverityError, Message: ans.Message})
		}
		printFileReport(e.stdout, e.p, fileReport{file: name, accepted: accepted, dryRun: dryRun, format: ans.Format, layout: ans.Layout,
			organisations: ans.Organisations, years: ans.Years, observations: ans.Observations, warnings: ans.WarningCount, errors: ans.ErrorCount,
			created: ans.Created, unchanged: ans.Unchanged, problems: asNamed(append(ans.Problems, ans.Warnings...), name), unlisted: ans.MoreProblems})
		if !accepted {
			refused++
		}
	}
	return filesRefused(e, refused, len(names))
}

// Go's collector during an import, unless GOGC or GOMEMLIMIT say
// otherwise: a file's observations live until the process ends, so a
// collection each time the heap doubles (GOGC=100) redoes work for nothing.
// On the 100,386-row CSV of `make bench-import` the whole `import --db NEW`
// took 0.64 s against 0.70 s (medians of 9, peak 155 MB either way); on its
// exported shape 0.76 s against 0.79 s, peak 181 MB against 166. The largest
// long file the catalogue allowed (every organisation, indicator and year
// 1900–2100, as files could bring before issue 23: 172,458 observations)
// peaks at 200–235 MB for the whole process either way. The memory limit only keeps a pathological file's heap from
// growing fivefold before a collection; set below the live heap, it would
// make Go collect without end.
const (
	importGCPercent   = 400
	importMemoryLimit = 512 << 20
)

// gcForImport sets the collector for an import and returns what restores it.
func gcForImport() (restore func()) {
	restore = func() {}
	if os.Getenv("GOGC") == "" {
		gcPercent := debug.SetGCPercent(importGCPercent)
		restore = func() { debug.SetGCPercent(gcPercent) }
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		memoryLimit, restoreGC := debug.SetMemoryLimit(importMemoryLimit), restore
		restore = func() { restoreGC(); debug.SetMemoryLimit(memoryLimit) }
	}
	return restore
}

// readLimited reads a file, refusing it beyond max bytes.
func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	data, over, err := ingest.ReadAtMost(f, size, max)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if over {
		return nil, domain.Errorf(domain.EINVALID, "error.cli.file_too_large", max>>20)
	}
	return data, nil
}

// verdictKey is the locale key of what became of a file.
func verdictKey(accepted, dryRun bool) string {
	switch {
	case !accepted:
		return "cli.verdict.refused"
	case dryRun:
		return "cli.verdict.dry_run"
	}
	return "cli.verdict.accepted"
}

// printReport prints what became of a file.
func printReport(out io.Writer, pr *locale.Printer, rep *importer.Report, dryRun bool) {
	printFileReport(out, pr, fileReport{file: rep.File, accepted: rep.Accepted(), dryRun: dryRun, format: rep.Format, layout: rep.Layout,
		organisations: rep.Organisations(), years: rep.Years(), observations: len(rep.Observations),
		warnings: rep.Count(domain.SeverityWarning), errors: rep.Count(domain.SeverityError),
		created: rep.Stored.Created, unchanged: rep.Stored.Unchanged, problems: rep.Problems, unlisted: rep.Unlisted()})
}

// fileReport is what an import prints of a file, imported here or by the
// server (--server).
type fileReport struct {
	file               string
	accepted, dryRun   bool
	format, layout     string
	organisations      []string
	years              []int
	observations       int
	warnings, errors   int
	created, unchanged []domain.Submission
	problems           []domain.Problem
	unlisted           int
}

// printFileReport prints one line per submission created, thousands for a
// large file, hence the buffer.
func printFileReport(out io.Writer, pr *locale.Printer, r fileReport) {
	w := bufio.NewWriter(out)
	defer w.Flush()
	fmt.Fprintln(w, pr.Named("cli.verdict", map[string]string{"file": r.file, "verdict": pr.T(verdictKey(r.accepted, r.dryRun))}))
	if r.layout != "" {
		fmt.Fprintln(w, pr.Named("cli.import.format", map[string]string{"format": r.format, "layout": r.layout}))
	}
	fmt.Fprintln(w, pr.Named("cli.import.summary", map[string]string{
		"organisation": orNone(pr, strings.Join(r.organisations, ", ")), "years": orNone(pr, joinInts(r.years)),
		"observations": strconv.Itoa(r.observations), "warnings": strconv.Itoa(r.warnings),
		"errors": strconv.Itoa(r.errors)}))
	printStored(w, pr, r.created, r.unchanged, "cli.stored")
	for _, p := range r.problems {
		fmt.Fprintln(w, pr.Named("cli.problem", map[string]string{"severity": pr.T("cli.severity." + string(p.Severity)), "problem": problemText(p, pr)}))
	}
	// The report lists the first problems (ingest.Result); the others are
	// counted.
	if r.unlisted > 0 {
		fmt.Fprintln(w, pr.N("cli.more_problems", r.unlisted, r.unlisted))
	}
}

// problemText is a problem's sentence; one the server could only say (a
// message without a code) is said as it came.
func problemText(p domain.Problem, pr *locale.Printer) string {
	if p.Code == "" {
		return p.Message
	}
	return p.Sentence(pr)
}

// printStored lists the submissions created (storedKey) and left unchanged.
func printStored(w io.Writer, pr *locale.Printer, created, unchanged []domain.Submission, storedKey string) {
	for _, s := range created {
		fmt.Fprintln(w, pr.Named(storedKey, map[string]string{"id": strconv.FormatInt(s.ID, 10), "organisation": s.Organisation,
			"year": strconv.Itoa(s.Year), "version": strconv.Itoa(s.Version), "status": pr.T("cli.status." + s.Status)}))
	}
	for _, s := range unchanged {
		fmt.Fprintln(w, pr.Named("cli.unchanged", map[string]string{"id": strconv.FormatInt(s.ID, 10), "organisation": s.Organisation,
			"year": strconv.Itoa(s.Year), "version": strconv.Itoa(s.Version)}))
	}
}

func orNone(pr *locale.Printer, s string) string {
	if s == "" {
		return pr.T("cli.none")
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
