package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/rounds"
)

// runRound is `infocentre round open --year Y --deadline YYYY-MM-DD
// [--message-nl T --message-fr T] [--org CODE…] [--allow-past-deadline]
// [--base-url URL]`: it opens the collection round of a year (rounds.Open)
// and writes its opening e-mails to the outbox, which the server sends.
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
	baseURL := fs.String("base-url", os.Getenv("INFOCENTRE_BASE_URL"), "cli.flag.round.base-url")
	if _, err := parseAction(fs, e, args, "open"); err != nil {
		return err
	}
	req := domain.RoundRequest{Year: *year, Deadline: *deadline, MessageNL: *msgNL, MessageFR: *msgFR, Organisations: orgs,
		ChangeThreshold: *change / 100, RequireExplanations: *require, AllowPastDeadline: *pastDeadline}
	// Checked before anything is opened or sent: bad input changes nothing.
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
		r.Organisations, err = remoteRound(ctx, cl, req)
	} else {
		r, err = openRound(ctx, e, *db, *baseURL, req)
	}
	if err != nil {
		return err
	}
	printRoundOpened(e, r)
	return nil
}

// openRound opens the round in the database file; no mailer runs here, so
// the opening messages are planned into the outbox at once (links starting
// with baseURL) for the server to send.
func openRound(ctx context.Context, e env, db, baseURL string, req domain.RoundRequest) (domain.Round, error) {
	st, err := openStore(ctx, db)
	if err != nil {
		return domain.Round{}, err
	}
	defer st.Close()
	// Warnings only: the mailer's note per planned message would repeat on
	// standard error what the command prints.
	quiet := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	m := planMailer{mail.New(st, nil, domain.SystemClock{}, baseURL, quiet)}
	return rounds.Open(ctx, st, st.Reference(), m, cliActor(), req, time.Now())
}

// planMailer plans the messages due into the outbox: without a sender, a
// tick sends nothing.
type planMailer struct{ *mail.Mailer }

func (m planMailer) RoundOpened(ctx context.Context) error { return m.Tick(ctx) }

// remoteRound is `round open --server`: the server opens the round and
// answers the administrations expected.
func remoteRound(ctx context.Context, cl *apiclient.Client, req domain.RoundRequest) ([]string, error) {
	var ans struct {
		Entries []domain.RoundEntry `json:"organisations"`
	}
	if err := cl.JSON(ctx, http.MethodPost, "/api/v1/rounds", nil, req, &ans); err != nil {
		return nil, err
	}
	var orgs []string
	for _, en := range ans.Entries {
		orgs = append(orgs, en.Organisation)
	}
	return orgs, nil
}

func printRoundOpened(e env, r domain.Round) {
	fmt.Fprintln(e.stdout, e.p.N("round.cli.opened", len(r.Organisations), r.Year, r.DeadlineDate(), len(r.Organisations)))
	fmt.Fprintln(e.stdout, strings.Join(r.Organisations, " "))
}
