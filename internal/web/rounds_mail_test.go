package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/clocktest"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/mail/mailtest"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestRoundMailThroughServerRestart opens a round through the API of a
// running server, moves a fake clock through the reminders and past the
// deadline, restarts the server twice on the same DuckDB file (a new store,
// mailer and server each time), returns a submission through the API, and
// checks at an in-process SMTP server that every message arrived exactly
// once, in its account's language.
func TestRoundMailThroughServerRestart(t *testing.T) {
	ctx := context.Background()
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rounds.duckdb")
	sink := mailtest.Start(t)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	// 09:00 today: the weekly digests of 3 days before the deadline and of
	// the day after it fall in different weeks of the round whatever the
	// hour the test runs.
	clock := clocktest.New(time.Now().UTC().Truncate(24 * time.Hour).Add(9 * time.Hour))
	var st *store.Store
	var m *mail.Mailer
	var srv *Server
	start := func() {
		t.Helper()
		if st != nil {
			st.Close()
		}
		if st, err = store.Open(ctx, path, ref); err != nil {
			t.Fatal(err)
		}
		sender, err := mail.ParseSMTP("smtp://"+sink.Addr(), "infocentre@example.be")
		if err != nil {
			t.Fatal(err)
		}
		m = mail.New(st, sender, clock, "https://infocentre.example.be", logger)
		if err := m.Recover(ctx); err != nil {
			t.Fatal(err)
		}
		if srv, err = New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1, Clock: clock, Mailer: m}, st, logger); err != nil {
			t.Fatal(err)
		}
	}
	start()
	t.Cleanup(func() { st.Close() })
	lang := map[string]string{"coord@example.be": "en", "agency@fin.example": "fr", "agency@just.example": "nl"}
	ids := map[string]int64{}
	users := map[string]*user{}
	for email, l := range lang {
		role, org := auth.RoleAgency, strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(email, "agency@"), ".example"))
		if strings.HasPrefix(email, "coord") {
			role, org = auth.RoleCoordinator, ""
		}
		a := newAccount(t, st, email, role, org, false)
		if err := st.SetAccountLanguage(ctx, fixture, a.ID, l); err != nil {
			t.Fatal(err)
		}
		ids[email], users[email] = a.ID, withToken(t, st, a) // tokens live in the database: they survive the restarts
	}
	deadline := time.Date(clock.Now().Year(), clock.Now().Month(), clock.Now().Day()+20, 0, 0, 0, 0, time.UTC)
	tick := func(at time.Time) {
		t.Helper()
		clock.Set(at)
		if err := m.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	expect := func(step string, keys ...string) {
		t.Helper()
		want = append(want, keys...)
		var got []string
		for _, msg := range sink.Messages() {
			got = append(got, msg.Key)
		}
		slices.Sort(got)
		w := slices.Sorted(slices.Values(want))
		if !slices.Equal(got, w) {
			t.Fatalf("%s: received\n%s\nwant\n%s", step, strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	}
	key := func(kind, stage, email string) string {
		if stage == "" {
			return fmt.Sprintf("%s/2025/%d", kind, ids[email])
		}
		return fmt.Sprintf("%s/2025/%s/%d", kind, stage, ids[email])
	}
	day := func(before int) time.Time {
		return time.Date(deadline.Year(), deadline.Month(), deadline.Day()-before, 10, 0, 0, 0, time.UTC)
	}

	open := fmt.Sprintf(`{"year":2025,"deadline":%q,"message_nl":"Graag tijdig.","message_fr":"Merci d'avance.","organisations":["FIN","JUST"]}`, deadline.Format(time.DateOnly))
	if rec := users["coord@example.be"].do(t, srv.Handler(), request{method: "POST", target: "/api/v1/rounds", json: open}); rec.Code != 201 {
		t.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
	tick(clock.Now())
	expect("opened", key(mail.KindRoundOpen, "", "agency@fin.example"), key(mail.KindRoundOpen, "", "agency@just.example"))
	rec := users["agency@fin.example"].do(t, srv.Handler(), request{method: "POST", target: "/api/v1/submissions", file: longCSV(consistentObservations("FIN", 2025, 500))})
	if rec.Code != 201 {
		t.Fatalf("FIN upload: %d %s", rec.Code, rec.Body)
	}
	var up struct {
		ID int64 `json:"id"`
	}
	decode(t, rec.Body.String(), &up)
	tick(day(14))
	expect("14 days before: only JUST submitted nothing", key(mail.KindReminder, "d14", "agency@just.example"))

	start() // restart on the same file: the same moment sends nothing again
	tick(day(14).Add(time.Minute))
	expect("after the first restart")
	if rec := users["coord@example.be"].do(t, srv.Handler(), request{method: "POST", target: fmt.Sprintf("/api/v1/submissions/%d/return", up.ID),
		json: `{"comment":"Le total par canal ne correspond pas."}`}); rec.Code != 200 {
		t.Fatalf("return: %d %s", rec.Code, rec.Body)
	}
	tick(day(14).Add(2 * time.Minute))
	expect("returned", fmt.Sprintf("%s/%d", mail.KindReturned, up.ID))
	tick(day(3))
	digest := func(at time.Time) string {
		r, err := st.Round(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		return key(mail.KindDigest, fmt.Sprint(int(at.Sub(r.OpenedAt)/(7*24*time.Hour))), "coord@example.be")
	}
	expect("3 days before", key(mail.KindReminder, "d3", "agency@just.example"), digest(day(3)))

	start()
	after := time.Date(deadline.Year(), deadline.Month(), deadline.Day()+1, 12, 0, 0, 0, time.UTC)
	tick(after)
	tick(after.Add(time.Hour))
	expect("deadline passed", key(mail.KindOverdue, "w0", "agency@just.example"), digest(after))

	for _, msg := range sink.Messages() {
		if msg.Language != lang[msg.To] {
			t.Errorf("%s to %s in %q, want %q", msg.Key, msg.To, msg.Language, lang[msg.To])
		}
	}
	subjects := map[string]string{}
	for _, msg := range sink.Messages() {
		subjects[msg.Key] = msg.Subject
	}
	for k, prefix := range map[string]string{
		key(mail.KindRoundOpen, "", "agency@fin.example"):   "Chiffres annuels",
		key(mail.KindRoundOpen, "", "agency@just.example"):  "Jaarcijfers",
		key(mail.KindReminder, "d3", "agency@just.example"): "Herinnering",
		fmt.Sprintf("%s/%d", mail.KindReturned, up.ID):      "Votre envoi",
		digest(day(3)): "Collection 2025",
	} {
		if !strings.HasPrefix(subjects[k], prefix) {
			t.Errorf("%s: subject %q, want it to start with %q", k, subjects[k], prefix)
		}
	}
}
