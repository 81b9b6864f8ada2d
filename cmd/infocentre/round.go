package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// runRound is `infocentre round open --year Y --deadline YYYY-MM-DD
// [--message-nl T --message-fr T] [--org CODE…] [--allow-past-deadline]`:
// it opens the collection round of a year. The running server plans the opening e-mails at its next
// tick.
func runRound(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("round", e, "cli.usage.round")
	db := dbFlag(fs)
	year := fs.Int("year", 0, "cli.flag.round.year")
	deadline := fs.String("deadline", "", "cli.flag.round.deadline")
	msgNL := fs.String("message-nl", "", "cli.flag.round.message-nl")
	msgFR := fs.String("message-fr", "", "cli.flag.round.message-fr")
	var orgs listFlag
	fs.Var(&orgs, "org", "cli.flag.round.org")
	require := fs.Bool("require-explanations", false, "cli.flag.round.require-explanations")
	change := fs.Float64("change-threshold", 50, "cli.flag.round.change-threshold")
	pastDeadline := fs.Bool("allow-past-deadline", false, "cli.flag.round.allow-past-deadline")
	_, st, err := openAction(ctx, fs, e, db, args, "open")
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := domain.NewRound(domain.RoundRequest{Year: *year, Deadline: *deadline, MessageNL: *msgNL, MessageFR: *msgFR,
		ChangeThreshold: *change / 100, RequireExplanations: *require, AllowPastDeadline: *pastDeadline}, "cli", time.Now())
	if de, ok := errors.AsType[*domain.Error](err); ok && de.Key == domain.ErrPastDeadline {
		return domain.Errorf(domain.EINVALID, "cli.round.past_deadline", *deadline)
	}
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
	if err := st.OpenRound(ctx, cliActor(), r); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.N("round.cli.opened", len(r.Organisations), r.Year, r.DeadlineDate(), len(r.Organisations)))
	fmt.Fprintln(e.stdout, strings.Join(r.Organisations, " "))
	return nil
}
