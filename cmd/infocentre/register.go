package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/register"
	"github.com/fcmn/infocentre/internal/store"
)

// defaultRegisterMemory caps DuckDB in `infocentre register`: under DuckDB's
// own default (80% of the machine's memory) a 1,000,000-complaint register
// took 380-460 MB of resident memory, under 128MB about 260-320 MB in about
// the same time (bench-register); DuckDB spills past it. Under 64MB its CSV
// reader runs out of memory for its 30 MiB buffers.
const defaultRegisterMemory = "128MB"

func runRegister(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("register", e, "cli.usage.register")
	db := dbFlag(fs)
	org := fs.String("org", "", "cli.flag.register.org")
	dryRun := fs.Bool("dry-run", false, "cli.flag.register.dry-run")
	submitOnly := fs.Bool("submit-only", false, "cli.flag.register.submit-only")
	source := fs.String("source", "cli", "cli.flag.register.source")
	memLimit := fs.String("memory-limit", defaultRegisterMemory, "cli.flag.register.memory-limit")
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
		if err := localOnly(fs, "org", "source", "memory-limit"); err != nil {
			return err
		}
		return remoteRegister(ctx, e, cl, fs.Args(), *dryRun, *submitOnly)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetMemoryLimit(ctx, *memLimit); err != nil {
		return err
	}
	code, err := orgCode(st, *org)
	if err != nil {
		return err
	}
	status := submissionStatus(*submitOnly)
	im := register.NewImporter(st)
	audit := cliActor()
	refused := 0
	for _, name := range fs.Args() {
		res, err := im.Import(ctx, register.Request{Path: name, Options: register.Options{Organisation: code},
			Source: *source, Status: status, DryRun: *dryRun, Audit: &audit})
		var derr *domain.Error
		switch {
		case (errors.As(err, &derr) && derr.Code == domain.EINVALID) || domain.IsFileError(err):
			// A bad register, or one missing or unreadable: the others
			// are still read.
			fmt.Fprintln(e.stdout, e.p.Named("cli.verdict", map[string]string{"file": name, "verdict": e.p.T("cli.verdict.refused")}))
			fmt.Fprintln(e.stdout, e.p.Named("cli.problem", map[string]string{"severity": e.p.T("cli.severity.error"), "problem": domain.ErrorText(err, e.p)}))
			refused++
			continue
		case err != nil:
			return err
		}
		printRegister(e.stdout, e.p, name, res, *dryRun)
		if !res.Accepted() {
			refused++
		}
	}
	return registersRefused(e, refused, fs.NArg())
}

func registersRefused(e env, refused, files int) error {
	if refused > 0 {
		fmt.Fprintln(e.stdout, e.p.N("cli.registers_refused", files, refused, files))
		return exitError{1}
	}
	return nil
}

// registerAnswer is what POST /api/v1/registers answers that the command
// line prints.
type registerAnswer struct {
	Status        string              `json:"status"`
	Organisations []string            `json:"organisations"`
	Years         []int               `json:"years"`
	Rows          int                 `json:"rows"`
	Observations  int                 `json:"observations"`
	Problems      []domain.Problem    `json:"problems"`
	MoreProblems  int                 `json:"more_problems"`
	Message       string              `json:"message"`
	Format        string              `json:"format"`
	BadRows       int                 `json:"bad_rows"`
	Created       []domain.Submission `json:"created"`
	Unchanged     []domain.Submission `json:"unchanged"`
}

// remoteRegister is `register --server`: each register is streamed to the
// API, which computes and stores its figures as submitted; unless
// --submit-only the coordinator's token then approves them.
func remoteRegister(ctx context.Context, e env, cl *apiclient.Client, names []string, dryRun, submitOnly bool) error {
	refused := 0
	for _, name := range names {
		var ans registerAnswer
		err := func() error {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = cl.Upload(ctx, "/api/v1/registers", dryRunQuery(dryRun), filepath.Base(name), f, &ans)
			return err
		}()
		if domain.IsFileError(err) {
			printRegisterRefused(e, name, domain.ErrorText(err, e.p))
			refused++
			continue
		}
		if err != nil {
			return err
		}
		if ans.Status == "refused" && ans.Format == "" {
			// No register at all: the server says why in one sentence.
			printRegisterRefused(e, name, ans.Message)
			refused++
			continue
		}
		accepted := ans.Status != "refused"
		if accepted && !submitOnly {
			if err := approveAll(ctx, cl, ans.Created); err != nil {
				return err
			}
		}
		printRegisterReport(e.stdout, e.p, registerReport{file: name, accepted: accepted, dryRun: dryRun, format: ans.Format,
			organisations: ans.Organisations, years: ans.Years, rows: ans.Rows, observations: ans.Observations,
			errors: len(ans.Problems) + ans.MoreProblems, badRows: ans.BadRows, created: ans.Created, unchanged: ans.Unchanged,
			problems: asNamed(ans.Problems, name), more: ans.MoreProblems})
		if !accepted {
			refused++
		}
	}
	return registersRefused(e, refused, len(names))
}

func printRegisterRefused(e env, name, why string) {
	fmt.Fprintln(e.stdout, e.p.Named("cli.verdict", map[string]string{"file": name, "verdict": e.p.T("cli.verdict.refused")}))
	fmt.Fprintln(e.stdout, e.p.Named("cli.problem", map[string]string{"severity": e.p.T("cli.severity.error"), "problem": why}))
}

func printRegister(w io.Writer, pr *locale.Printer, name string, res *register.Result, dryRun bool) {
	printRegisterReport(w, pr, registerReport{file: name, accepted: res.Accepted(), dryRun: dryRun, format: res.Format,
		organisations: res.Organisations, years: res.Years, rows: res.Rows, observations: len(res.Stored.Observations),
		errors: len(res.Problems) + res.MoreProblems, badRows: res.BadRows, created: res.Stored.Stored.Created,
		unchanged: res.Stored.Stored.Unchanged, problems: domain.Group(res.Problems), more: res.MoreProblems})
}

// registerReport is what `register` prints of a register, read here or by
// the server (--server).
type registerReport struct {
	file               string
	accepted, dryRun   bool
	format             string
	organisations      []string
	years              []int
	rows, observations int
	errors, badRows    int
	created, unchanged []domain.Submission
	problems           []domain.Problem // grouped
	more               int
}

func printRegisterReport(w io.Writer, pr *locale.Printer, r registerReport) {
	fmt.Fprintln(w, pr.Named("cli.verdict", map[string]string{"file": r.file, "verdict": pr.T(verdictKey(r.accepted, r.dryRun))}))
	fmt.Fprintln(w, pr.Named("cli.register.summary", map[string]string{"format": r.format,
		"organisation": orNone(pr, strings.Join(r.organisations, ", ")), "years": orNone(pr, joinInts(r.years)),
		"rows": strconv.Itoa(r.rows), "observations": strconv.Itoa(r.observations),
		"errors": strconv.Itoa(r.errors), "bad_rows": strconv.Itoa(r.badRows)}))
	printStored(w, pr, r.created, r.unchanged, "cli.stored_register")
	for _, p := range r.problems {
		fmt.Fprintln(w, pr.Named("cli.problem", map[string]string{"severity": pr.T("cli.severity." + string(p.Severity)), "problem": p.Sentence(pr)}))
	}
	if r.more > 0 {
		fmt.Fprintln(w, pr.N("cli.more_errors", r.more, r.more))
	}
}

func runTerms(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("terms", e, "cli.usage.terms")
	db := dbFlag(fs)
	org := fs.String("org", "", "cli.flag.terms.org")
	ack := fs.Int("ack-days", 5, "cli.flag.terms.ack-days")
	answer := fs.Int("answer-days", 30, "cli.flag.terms.answer-days")
	working := fs.Bool("working-days", false, "cli.flag.terms.working-days")
	action, err := parseAction(fs, e, args, "show", "set")
	if err != nil {
		return err
	}
	if *org == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	*org = strings.ToUpper(*org)
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if action == "set" {
		if err := st.SetTerms(ctx, *org, store.Terms{AckDays: *ack, AnswerDays: *answer, WorkingDays: *working}); err != nil {
			return err
		}
	}
	t, err := st.TermsOf(ctx, *org)
	if err != nil {
		return err
	}
	key := "cli.terms.calendar_days"
	if t.WorkingDays {
		key = "cli.terms.working_days"
	}
	fmt.Fprintln(e.stdout, e.p.T(key, *org, t.AckDays, t.AnswerDays))
	return nil
}
