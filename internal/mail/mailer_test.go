package mail

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/clocktest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/mail/mailtest"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestRoundMailOnceAcrossRestart opens a round, moves a fake clock through
// the opening, the reminders before the deadline and the weekly ones after
// it, restarts (the same DuckDB file, a new mailer) twice on the way, and
// checks that every message reached the SMTP server exactly once, in the
// account's language, and only for administrations that submitted nothing.
func TestRoundMailOnceAcrossRestart(t *testing.T) {
	ctx := context.Background()
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mail.duckdb")
	sink := mailtest.Start(t)
	smtpURL := "smtp://" + sink.Addr()
	brussels, _ := time.LoadLocation("Europe/Brussels")
	start := time.Now().In(brussels).Truncate(time.Hour)
	clock := clocktest.New(start)

	var st *store.Store
	var m *Mailer
	open := func() {
		t.Helper()
		if st != nil {
			st.Close()
		}
		if st, err = store.Open(ctx, path, ref); err != nil {
			t.Fatal(err)
		}
		sender, err := ParseSMTP(smtpURL, "infocentre@example.be")
		if err != nil {
			t.Fatal(err)
		}
		m = New(st, sender, clock, "https://infocentre.example.be", quietLogger())
		if err := m.Recover(ctx); err != nil {
			t.Fatal(err)
		}
	}
	open()
	t.Cleanup(func() { st.Close() })
	accounts := []struct{ email, role, org, lang string }{
		{"fin-nl@fin.example", "agency", "FIN", "nl"},
		{"fin-fr@fin.example", "agency", "FIN", "fr"},
		{"just@just.example", "agency", "JUST", "en"},
		{"riziv@riziv.example", "agency", "RIZIV", "fr"},
		{"coord@example.be", "coordinator", "", "fr"},
		{"gone@fin.example", "agency", "FIN", "nl"},  // disabled: gets nothing
		{"other@mob.example", "agency", "MOB", "nl"}, // not expected: gets nothing
	}
	ids := map[string]int64{}
	for _, a := range accounts {
		acct, err := st.CreateAccount(ctx, domain.AuditEntry{Actor: "test"}, store.NewAccount{Email: a.email, Role: a.role, Organisation: a.org, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetAccountLanguage(ctx, domain.AuditEntry{Actor: "test"}, acct.ID, a.lang); err != nil {
			t.Fatal(err)
		}
		ids[a.email] = acct.ID
	}
	if err := st.SetAccountDisabled(ctx, domain.AuditEntry{Actor: "test"}, ids["gone@fin.example"], true); err != nil {
		t.Fatal(err)
	}
	deadline := time.Date(start.Year(), start.Month(), start.Day()+40, 0, 0, 0, 0, time.UTC)
	round := domain.Round{Year: 2025, Deadline: deadline, MessageNL: "Beste collega's", MessageFR: "Chers collègues",
		ReminderDays: []int{14, 3}, ChangeThreshold: 0.5, ZThreshold: 3.5, OpenedBy: "coord@example.be", OpenedAt: start,
		Organisations: []string{"FIN", "JUST", "RIZIV"}}
	if err := st.OpenRound(ctx, domain.AuditEntry{Actor: "test"}, round); err != nil {
		t.Fatal(err)
	}
	submit := func(org string) {
		t.Helper()
		_, err := st.Import(ctx, store.ImportRequest{FileName: org + ".csv", SHA256: org, Source: "test", Kind: domain.KindFile,
			Status: domain.StatusSubmitted, Observations: []domain.Observation{{Organisation: org, Year: 2025, Indicator: "received", Value: 10}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	tick := func(at time.Time) {
		t.Helper()
		clock.Set(at)
		if err := m.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	key := func(kind, stage, email string) string {
		if stage == "" {
			return fmt.Sprintf("%s/2025/%d", kind, ids[email])
		}
		return fmt.Sprintf("%s/2025/%s/%d", kind, stage, ids[email])
	}
	var want []string
	expect := func(step string, keys ...string) {
		t.Helper()
		want = append(want, keys...)
		got := keysOf(sink.Messages())
		if !slices.Equal(sorted(got), sorted(want)) {
			t.Fatalf("%s: received\n%s\nwant\n%s", step, strings.Join(sorted(got), "\n"), strings.Join(sorted(want), "\n"))
		}
	}
	day := 24 * time.Hour
	dayOf := func(daysBefore int) time.Time { // the start of a day before the deadline, in Brussels
		return time.Date(deadline.Year(), deadline.Month(), deadline.Day()-daysBefore, 0, 0, 0, 0, brussels)
	}

	tick(start)
	expect("round opened", key(KindRoundOpen, "", "fin-nl@fin.example"), key(KindRoundOpen, "", "fin-fr@fin.example"),
		key(KindRoundOpen, "", "just@just.example"), key(KindRoundOpen, "", "riziv@riziv.example"))
	submit("RIZIV")
	tick(start.Add(2 * day))
	expect("nothing due")
	tick(start.Add(7*day + time.Hour))
	expect("first weekly digest", key(KindDigest, "1", "coord@example.be"))
	tick(dayOf(14).Add(9 * time.Hour))
	expect("14 days before", key(KindReminder, "d14", "fin-nl@fin.example"), key(KindReminder, "d14", "fin-fr@fin.example"),
		key(KindReminder, "d14", "just@just.example"), key(KindDigest, "3", "coord@example.be"))

	open() // restart: the same database, a new mailer; the same time again sends nothing
	tick(dayOf(14).Add(10 * time.Hour))
	expect("after the restart")

	sink.RefuseNext("fin-fr@fin.example") // the mail server is busy once for this address
	tick(dayOf(3).Add(8 * time.Hour))
	expect("3 days before, one refused", key(KindReminder, "d3", "fin-nl@fin.example"), key(KindReminder, "d3", "just@just.example"),
		key(KindDigest, "5", "coord@example.be"))
	msgs, err := st.Outbox(ctx, store.OutboxPending, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Recipient != "fin-fr@fin.example" || msgs[0].Attempts != 1 || !strings.Contains(msgs[0].LastError, "451") {
		t.Fatalf("the refused message is not waiting for its retry with its reason: %+v", msgs)
	}
	tick(dayOf(3).Add(8*time.Hour + 30*time.Second))
	expect("before the backoff")
	tick(dayOf(3).Add(8*time.Hour + Backoff(1)))
	expect("retried after the backoff", key(KindReminder, "d3", "fin-fr@fin.example"))

	submit("JUST")
	deadlineAt := round.DeadlineAt()
	tick(deadlineAt.Add(time.Hour))
	expect("deadline passed", key(KindOverdue, "w0", "fin-nl@fin.example"), key(KindOverdue, "w0", "fin-fr@fin.example"))

	// Down for two weeks: the overdue reminder of the week it comes back in
	// is sent once, the one missed in between is not made up.
	open()
	tick(deadlineAt.Add(15 * day))
	tick(deadlineAt.Add(15*day + time.Minute))
	open()
	tick(deadlineAt.Add(15*day + 2*time.Minute))
	digestWeek := fmt.Sprint(int(deadlineAt.Add(15*day).Sub(start) / (7 * day)))
	expect("two weeks later", key(KindOverdue, "w2", "fin-nl@fin.example"), key(KindOverdue, "w2", "fin-fr@fin.example"),
		key(KindDigest, digestWeek, "coord@example.be"))

	// Each message in the account's language, to that account, with a link.
	lang := map[string]string{}
	for _, a := range accounts {
		lang[a.email] = a.lang
	}
	words := map[string]string{"nl": "Herinnering", "fr": "Rappel", "en": "Reminder"}
	for _, got := range sink.Messages() {
		if got.Language != lang[got.To] {
			t.Errorf("%s to %s in %q, want %q", got.Key, got.To, got.Language, lang[got.To])
		}
		if !strings.HasSuffix(got.Key, fmt.Sprint(ids[got.To])) {
			t.Errorf("%s went to %s", got.Key, got.To)
		}
		if strings.HasPrefix(got.Key, KindReminder+"/") && !strings.HasPrefix(got.Subject, words[got.Language]) {
			t.Errorf("reminder to %s: subject %q", got.To, got.Subject)
		}
		if !strings.Contains(got.Body, "https://infocentre.example.be/") || !strings.Contains(got.Body, "text/html") {
			t.Errorf("%s: no link or no HTML part:\n%s", got.Key, got.Body)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestBackoff(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want time.Duration
	}{{1, time.Minute}, {2, 2 * time.Minute}, {4, 8 * time.Minute}, {20, 6 * time.Hour}} {
		if got := Backoff(tt.n); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

func TestParseSMTP(t *testing.T) {
	for _, tt := range []struct {
		url, addr string
		implicit  bool
		user, err string
	}{
		{"smtp://mail.example.be:2525", "mail.example.be:2525", false, "", ""},
		{"smtp://bob:s3cret@mail.example.be", "mail.example.be:587", false, "bob", ""},
		{"smtps://mail.example.be", "mail.example.be:465", true, "", ""},
		{"http://mail.example.be", "", false, "", "scheme"},
		{"smtp://:25", "", false, "", "no host"},
	} {
		s, err := ParseSMTP(tt.url, "from@example.be")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.url, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.url, err)
		}
		if s.Address() != tt.addr || s.implicit != tt.implicit || s.user != tt.user {
			t.Errorf("%s: %s implicit=%v user=%q", tt.url, s.Address(), s.implicit, s.user)
		}
	}
}
