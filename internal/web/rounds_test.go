package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/clocktest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/store"
)

// newClockedServer is a test server whose clock the test moves; its mail
// stays in the outbox (no SMTP server).
func newClockedServer(t *testing.T, st *store.Store, clock *clocktest.Clock) http.Handler {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1, Clock: clock,
		Mailer: mail.New(st, nil, clock, "https://infocentre.example.be", logger)}, st, logger)
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

// TestRoundAPI opens a round by API, submits figures (one with values that
// look wrong, refused until explained), and reads where every
// administration stands before and after the deadline; a returned
// submission's comment goes to the outbox in its sender's language.
func TestRoundAPI(t *testing.T) {
	st := newTestStore(t)
	clock := clocktest.New(time.Now())
	h := newClockedServer(t, st, clock)
	ctx := context.Background()
	coord := withToken(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	finAcct := newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false)
	if err := st.SetAccountLanguage(ctx, fixture, finAcct.ID, "fr"); err != nil {
		t.Fatal(err)
	}
	fin := withToken(t, st, finAcct)
	just := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	deadline := clock.Now().AddDate(0, 0, 30).Format(time.DateOnly)

	open := `{"year":2025,"deadline":"` + deadline + `","message_nl":"Graag tijdig.","message_fr":"Merci d'avance.","organisations":["FIN","JUST","POL"],"require_explanations":true}`
	if rec := coord.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: open}); rec.Code != 201 {
		t.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
	for _, tt := range []struct {
		body string
		want int
	}{{open, 409}, {`{"year":2026,"deadline":"31/03/2027"}`, 400}, {`{"year":2026,"deadline":"2027-03-31","organisations":["NOPE"]}`, 400}} {
		if rec := coord.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: tt.body}); rec.Code != tt.want {
			t.Errorf("open %s: %d, want %d", tt.body, rec.Code, tt.want)
		}
	}
	if rec := fin.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: open}); rec.Code != 403 {
		t.Errorf("an agency opened a round: %d", rec.Code)
	}

	// FIN: 1,250 after 1,000, 1,100, 1,200 looks right.
	rec := fin.do(t, h, request{method: "POST", target: "/api/v1/submissions", file: longCSV(consistentObservations("FIN", 2025, 1250))})
	if rec.Code != 201 {
		t.Fatalf("FIN upload: %d %s", rec.Code, rec.Body)
	}
	var finAns struct {
		ID       int64            `json:"id"`
		Outliers []domain.Outlier `json:"outliers"`
	}
	decode(t, rec.Body.String(), &finAns)
	if len(finAns.Outliers) != 0 {
		t.Errorf("FIN's steady figures flagged: %+v", finAns.Outliers)
	}

	// JUST: 900 after 300 and 350 is flagged; the round wants it explained.
	file := longCSV(consistentObservations("JUST", 2025, 900))
	rec = just.do(t, h, request{method: "POST", target: "/api/v1/submissions", file: file, form: url.Values{"dry_run": {"true"}}})
	var dry struct {
		Status   string           `json:"status"`
		Outliers []domain.Outlier `json:"outliers"`
	}
	decode(t, rec.Body.String(), &dry)
	var received *domain.Outlier
	for i, o := range dry.Outliers {
		if o.Indicator == "received" && o.Breakdown == "" {
			received = &dry.Outliers[i]
		}
	}
	if rec.Code != 200 || dry.Status != "dry_run" || received == nil {
		t.Fatalf("dry run: %d %s", rec.Code, rec.Body)
	}
	if len(received.History) != 2 || received.History[0] != (domain.YearValue{Year: 2022, Value: 300}) || received.ZScore == nil ||
		received.Reasons[0] != domain.ReasonZScore || received.Change != nil {
		t.Errorf("received flagged as %+v", received)
	}
	if rec := just.do(t, h, request{method: "POST", target: "/api/v1/submissions", file: file}); rec.Code != 422 || !strings.Contains(rec.Body.String(), "explanation") {
		t.Fatalf("unexplained flagged values accepted: %d %s", rec.Code, rec.Body)
	}
	notes := url.Values{}
	for _, o := range dry.Outliers {
		notes.Set(noteName(domain.Observation{Organisation: o.Organisation, Year: o.Year, Indicator: o.Indicator, Breakdown: o.Breakdown}), "Merger with the former federal mediation service.")
	}
	rec = just.do(t, h, request{method: "POST", target: "/api/v1/submissions", file: file, form: notes})
	if rec.Code != 201 {
		t.Fatalf("explained upload: %d %s", rec.Code, rec.Body)
	}
	var justAns struct {
		ID int64 `json:"id"`
	}
	decode(t, rec.Body.String(), &justAns)
	stored, err := st.ValueNotes(ctx, justAns.ID)
	if err != nil || len(stored) != len(dry.Outliers) || stored[0].Kind != domain.NoteExplanation || stored[0].Author != "agency@just.example" {
		t.Fatalf("explanations stored: %+v %v", stored, err)
	}

	type entry struct {
		Organisation     string     `json:"organisation"`
		Status           string     `json:"status"`
		FirstSubmittedAt *time.Time `json:"first_submitted_at"`
		OnTime           *bool      `json:"on_time"`
	}
	round := func(u *user) map[string]entry {
		t.Helper()
		rec := u.do(t, h, request{method: "GET", target: "/api/v1/rounds/2025"})
		if rec.Code != 200 {
			t.Fatalf("round: %d %s", rec.Code, rec.Body)
		}
		var body struct {
			Deadline      string  `json:"deadline"`
			Organisations []entry `json:"organisations"`
		}
		decode(t, rec.Body.String(), &body)
		if body.Deadline != deadline {
			t.Errorf("deadline %q", body.Deadline)
		}
		out := map[string]entry{}
		for _, e := range body.Organisations {
			out[e.Organisation] = e
		}
		return out
	}
	onTime := func(b *bool) string {
		if b == nil {
			return "null"
		}
		return map[bool]string{true: "true", false: "false"}[*b]
	}
	check := func(step string, got map[string]entry, want map[string][2]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d administrations, want %d", step, len(got), len(want))
		}
		for org, w := range want {
			e := got[org]
			if e.Status != w[0] || onTime(e.OnTime) != w[1] || (e.FirstSubmittedAt == nil) != (w[0] == "missing") {
				t.Errorf("%s: %s is %s, on_time %s, first %v; want %s, %s", step, org, e.Status, onTime(e.OnTime), e.FirstSubmittedAt, w[0], w[1])
			}
		}
	}
	check("before the deadline", round(coord), map[string][2]string{"FIN": {"submitted", "true"}, "JUST": {"submitted", "true"}, "POL": {"missing", "null"}})
	check("an agency sees its own", round(fin), map[string][2]string{"FIN": {"submitted", "true"}})

	if rec := coord.do(t, h, request{method: "POST", target: "/api/v1/submissions/" + itoa(finAns.ID) + "/return", json: `{"comment":"Le total par canal ne correspond pas."}`}); rec.Code != 200 {
		t.Fatalf("return: %d %s", rec.Code, rec.Body)
	}
	clock.Set(clock.Now().AddDate(0, 0, 45))
	check("after the deadline", round(coord), map[string][2]string{"FIN": {"returned", "true"}, "JUST": {"submitted", "true"}, "POL": {"missing", "false"}})

	page := signIn(t, st, newAccount(t, st, "coord2@example.be", auth.RoleCoordinator, "", false))
	body := page.do(t, h, request{method: "GET", target: "/rounds/2025?lang=en"}).Body.String()
	if !strings.Contains(body, "Reported on time: 2 of 3") {
		t.Errorf("round page lacks the on-time count:\n%.2000s", body)
	}
	// Once figures of 2025 are published, the public overview counts the
	// round's punctual administrations as the round page does.
	if rec := coord.do(t, h, request{method: "POST", target: "/api/v1/submissions/" + itoa(justAns.ID) + "/approve"}); rec.Code != 200 {
		t.Fatalf("approve: %d %s", rec.Code, rec.Body)
	}
	for lang, want := range map[string]string{"nl": "Op tijd gerapporteerd: 2 van 3", "fr": "Chiffres transmis à temps : 2 sur 3"} {
		body := anonymous().do(t, h, request{method: "GET", target: "/?year=2025&lang=" + lang}).Body.String()
		if !strings.Contains(body, want) {
			t.Errorf("overview in %s lacks %q:\n%.3000s", lang, want, body)
		}
	}
	if body := anonymous().do(t, h, request{method: "GET", target: "/?year=2025&organisation=POL&lang=en"}).Body.String(); !strings.Contains(body, "Reported on time: 0 of 1") {
		t.Errorf("overview of POL lacks its own count:\n%.3000s", body)
	}
	body = page.do(t, h, request{method: "GET", target: "/review/completeness?from=2025&to=2025&lang=en"}).Body.String()
	for _, want := range []string{"Returned · On time", "Approved · On time"} {
		if !strings.Contains(body, want) {
			t.Errorf("completeness lacks %q", want)
		}
	}
	msgs, err := st.Outbox(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Kind != mail.KindReturned || msgs[0].Recipient != "agency@fin.example" || msgs[0].Language != "fr" ||
		!strings.HasPrefix(msgs[0].Subject, "Votre envoi") || !strings.Contains(msgs[0].Text, "Le total par canal ne correspond pas.") ||
		!strings.Contains(msgs[0].Text, "https://infocentre.example.be/submissions/"+itoa(finAns.ID)) || msgs[0].Status != store.OutboxPending {
		t.Fatalf("outbox: %+v", msgs)
	}
	body = page.do(t, h, request{method: "GET", target: "/admin/outbox?lang=en"}).Body.String()
	if !strings.Contains(body, "Votre envoi") || !strings.Contains(body, `id="outbox-kept"`) {
		t.Errorf("the outbox page does not show the kept message:\n%.2000s", body)
	}
}

func decode(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestValueNotesMailed: a coordinator's question on a value reaches the
// agency accounts of the administration, in each account's language, and
// the agency's answer reaches the coordinator who asked; nobody else.
func TestValueNotesMailed(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	justAcct := newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false)
	coordAcct := newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false)
	newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false)
	newAccount(t, st, "coord2@example.be", auth.RoleCoordinator, "", false)
	for id, lang := range map[int64]string{justAcct.ID: "nl", coordAcct.ID: "fr"} {
		if err := st.SetAccountLanguage(ctx, fixture, id, lang); err != nil {
			t.Fatal(err)
		}
	}
	rec := withToken(t, st, justAcct).do(t, h, request{method: "POST", target: "/api/v1/submissions", file: longCSV(consistentObservations("JUST", 2024, 360))})
	if rec.Code != 201 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	var sub struct {
		ID int64 `json:"id"`
	}
	decode(t, rec.Body.String(), &sub)
	postNotes(t, h, sub.ID,
		noteStep{signIn(t, st, coordAcct), "Pourquoi 360 plaintes ?"},
		noteStep{signIn(t, st, justAcct), "Een nieuw loket in Gent."})
	msgs, err := st.Outbox(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.OutboxMessage{}
	for _, m := range msgs {
		got[m.Kind+" "+m.Recipient] = m
	}
	if len(msgs) != 2 {
		t.Fatalf("outbox holds %d messages, want 2: %+v", len(msgs), msgs)
	}
	q, a := got[mail.KindQuestion+" agency@just.example"], got[mail.KindAnswer+" coord@example.be"]
	if q.Language != "nl" || !strings.HasPrefix(q.Subject, "Vraag over Ontvangen klachten") || !strings.Contains(q.Text, "Pourquoi 360 plaintes ?") ||
		!strings.Contains(q.Text, "/submissions/"+itoa(sub.ID)+"#value-received-") {
		t.Errorf("question mail: %+v", q)
	}
	if a.Language != "fr" || !strings.HasPrefix(a.Subject, "Réponse sur Plaintes reçues") || !strings.Contains(a.Text, "Een nieuw loket in Gent.") {
		t.Errorf("answer mail: %+v", a)
	}
}

// noteStep is one note on the value "received" of a submission: who writes
// it and what.
type noteStep struct {
	by   *user
	body string
}

// postNotes posts the notes in order on submission id, each answered by the
// redirect back to the submission.
func postNotes(t *testing.T, h http.Handler, id int64, steps ...noteStep) {
	t.Helper()
	target := "/submissions/" + itoa(id) + "/notes"
	for _, step := range steps {
		if rec := step.by.do(t, h, request{method: "POST", target: target, form: url.Values{"indicator": {"received"}, "body": {step.body}}}); rec.Code != 303 {
			t.Fatalf("note %q: %d %s", step.body, rec.Code, rec.Body)
		}
	}
}

// failedMessage puts a message to recipient in the outbox and has its one
// attempt fail for good; it returns its id.
func failedMessage(t *testing.T, st *store.Store, recipient string) int64 {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	if _, err := st.Enqueue(ctx, store.OutboxMessage{Key: "test/failed/" + recipient, Kind: mail.KindReturned, Recipient: recipient, Language: "nl",
		Subject: "Uw inzending", Text: "Tekst", HTML: "<p>Tekst</p>"}, now); err != nil {
		t.Fatal(err)
	}
	due, err := st.OutboxDue(ctx, now.Add(time.Second), 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("due: %v %v", due, err)
	}
	if _, ok, err := st.ClaimOutbox(ctx, due[0]); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := st.OutboxAttemptFailed(ctx, due[0], nil, "550 mailbox unavailable"); err != nil {
		t.Fatal(err)
	}
	return due[0]
}

// TestOutboxSendAgain: the coordinator sends a failed message again from
// the outbox page; it is pending at once, with its attempts counted afresh,
// and the action is audited; a message that did not fail cannot be sent
// again.
func TestOutboxSendAgain(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	id := failedMessage(t, st, "agency@just.example")
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	page := coord.do(t, h, request{method: "GET", target: "/admin/outbox?status=failed&lang=fr"}).Body.String()
	if !strings.Contains(page, "/admin/outbox/"+itoa(id)+"/send-again") || !strings.Contains(page, "Renvoyer") {
		t.Fatalf("the failed message has no button to send it again:\n%.3000s", page)
	}
	if rec := coord.do(t, h, request{method: "POST", target: "/admin/outbox/" + itoa(id) + "/send-again"}); rec.Code != 303 {
		t.Fatalf("send again: %d %s", rec.Code, rec.Body)
	}
	msgs, err := st.Outbox(ctx, store.OutboxPending, 10)
	if err != nil || len(msgs) != 1 || msgs[0].ID != id || msgs[0].Attempts != 0 {
		t.Fatalf("pending after send again: %+v %v", msgs, err)
	}
	if rec := coord.do(t, h, request{method: "POST", target: "/admin/outbox/" + itoa(id) + "/send-again"}); rec.Code != 404 {
		t.Errorf("a pending message sent again: %d", rec.Code)
	}
	entries, err := st.AuditLog(ctx, "", "outbox_send_again", 10)
	if err != nil || len(entries) != 1 || entries[0].Subject != itoa(id) {
		t.Errorf("audit: %+v %v", entries, err)
	}
}
