package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
	rem := remoteFlags(fs)
	year := fs.Int("year", 0, "cli.flag.round.year")
	deadline := fs.String("deadline", "", "cli.flag.round.deadline")
	msgNL := fs.String("message-nl", "", "cli.flag.round.message-nl")
	msgFR := fs.String("message-fr", "", "cli.flag.round.message-fr")
	var orgs listFlag
	fs.Var(&orgs, "org", "cli.flag.round.org")
	require := fs.Bool("require-explanations", false, "cli.flag.round.require-explanations")
	change := fs.Float64("change-threshold", 50, "cli.flag.round.change-threshold")
	pastDeadline := fs.Bool("allow-past-deadline", false, "cli.flag.round.allow-past-deadline")
	if _, err := parseAction(fs, e, args, "open"); err != nil {
		return err
	}
	req := domain.RoundRequest{Year: *year, Deadline: *deadline, MessageNL: *msgNL, MessageFR: *msgFR,
		ChangeThreshold: *change / 100, RequireExplanations: *require, AllowPastDeadline: *pastDeadline}
	r, err := domain.NewRound(req, "cli", time.Now())
	if de, ok := errors.AsType[*domain.Error](err); ok && de.Key == domain.ErrPastDeadline {
		return domain.Errorf(domain.EINVALID, "cli.round.past_deadline", *deadline)
	}
	if err != nil {
		return err
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	if cl != nil {
		// The server checks the request again and opens the round.
		req.Organisations = orgs
		var ans struct {
			Entries []domain.RoundEntry `json:"organisations"`
		}
		if err := cl.JSON(ctx, http.MethodPost, "/api/v1/rounds", nil, req, &ans); err != nil {
			return err
		}
		r.Organisations = nil
		for _, en := range ans.Entries {
			r.Organisations = append(r.Organisations, en.Organisation)
		}
		printRoundOpened(e, r)
		return nil
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
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
	printRoundOpened(e, r)
	return nil
}

func printRoundOpened(e env, r domain.Round) {
	fmt.Fprintln(e.stdout, e.p.N("round.cli.opened", len(r.Organisations), r.Year, r.DeadlineDate(), len(r.Organisations)))
	fmt.Fprintln(e.stdout, strings.Join(r.Organisations, " "))
}
