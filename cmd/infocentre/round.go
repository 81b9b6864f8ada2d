package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
)

// runRound is `infocentre round open --year Y --deadline YYYY-MM-DD
// [--message-nl T --message-fr T] [--org CODE…]`: it opens the collection
// round of a year. The running server plans the opening e-mails at its next
// tick.
func runRound(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "open" {
		fmt.Fprintln(e.stderr, "usage: infocentre round open --db DB --year Y --deadline YYYY-MM-DD [--message-nl T --message-fr T] [--org CODE,…] [--require-explanations] [--change-threshold 50]")
		return errUsage
	}
	fs := newFlagSet("round open", e)
	db := dbFlag(fs)
	year := fs.Int("year", 0, "the year the figures are about")
	deadline := fs.String("deadline", "", "the last day to submit, YYYY-MM-DD (Belgian time)")
	msgNL := fs.String("message-nl", "", "the coordinator's message in Dutch")
	msgFR := fs.String("message-fr", "", "the coordinator's message in French")
	var orgs listFlag
	fs.Var(&orgs, "org", "an expected administration (repeatable or a comma list; default: every one active in the year)")
	require := fs.Bool("require-explanations", false, "a value that looks wrong must be explained before it is submitted")
	change := fs.Float64("change-threshold", 50, "a change on the previous year above this percentage flags a value")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := domain.NewRound(domain.RoundRequest{Year: *year, Deadline: *deadline, MessageNL: *msgNL, MessageFR: *msgFR,
		ChangeThreshold: *change / 100, RequireExplanations: *require}, "cli", time.Now())
	if err != nil {
		return err
	}
	for _, code := range orgs {
		code, err := orgCode(st, code)
		if err != nil {
			return err
		}
		r.Organisations = append(r.Organisations, code)
	}
	if len(r.Organisations) == 0 {
		if r.Organisations, err = st.ExpectedOrganisations(ctx, r.Year); err != nil {
			return err
		}
	}
	if err := st.OpenRound(ctx, r); err != nil {
		return err
	}
	if err := st.Audit(ctx, domain.AuditEntry{Actor: "cli", Action: "round_open", Subject: strconv.Itoa(r.Year),
		Detail: fmt.Sprintf("deadline %s, %d administrations", r.DeadlineDate(), len(r.Organisations))}); err != nil {
		return err
	}
	p := locale.NewPrinter(locale.Match(os.Getenv("LANG")))
	fmt.Fprintln(e.stdout, p.N("round.cli.opened", len(r.Organisations), r.Year, r.DeadlineDate(), len(r.Organisations)))
	fmt.Fprintln(e.stdout, strings.Join(r.Organisations, " "))
	return nil
}
