package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	if err := parseFlags(fs, e, args); err != nil {
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
	if refused > 0 {
		fmt.Fprintln(e.stdout, e.p.N("cli.registers_refused", fs.NArg(), refused, fs.NArg()))
		return exitError{1}
	}
	return nil
}

func printRegister(w io.Writer, pr *locale.Printer, name string, res *register.Result, dryRun bool) {
	fmt.Fprintln(w, pr.Named("cli.verdict", map[string]string{"file": name, "verdict": pr.T(verdictKey(res.Accepted(), dryRun))}))
	fmt.Fprintln(w, pr.Named("cli.register.summary", map[string]string{"format": res.Format,
		"organisation": orNone(pr, strings.Join(res.Organisations, ", ")), "years": orNone(pr, joinInts(res.Years)),
		"rows": strconv.Itoa(res.Rows), "observations": strconv.Itoa(len(res.Stored.Observations)),
		"errors": strconv.Itoa(len(res.Problems) + res.MoreProblems), "bad_rows": strconv.Itoa(res.BadRows)}))
	printStored(w, pr, res.Stored.Stored.Created, res.Stored.Stored.Unchanged, "cli.stored_register")
	for _, p := range domain.Group(res.Problems) {
		fmt.Fprintln(w, pr.Named("cli.problem", map[string]string{"severity": pr.T("cli.severity." + string(p.Severity)), "problem": p.Sentence(pr)}))
	}
	if res.MoreProblems > 0 {
		fmt.Fprintln(w, pr.N("cli.more_errors", res.MoreProblems, res.MoreProblems))
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
