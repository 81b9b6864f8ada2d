package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/clocktest"
)

// TestRoundPastDeadlineAsksConfirmation: a round whose deadline has passed
// opened without a word and mailed "in te dienen uiterlijk op 31 maart
// 2026" on 7 December 2026 (issue 23). The form comes back with what was
// typed and a box to tick; the API wants allow_past_deadline.
func TestRoundPastDeadlineAsksConfirmation(t *testing.T) {
	st := newTestStore(t)
	h := newClockedServer(t, st, clocktest.New(time.Date(2026, 12, 7, 9, 53, 0, 0, time.UTC)))
	coordAcct := newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false)
	page, api := signIn(t, st, coordAcct), withToken(t, st, coordAcct)

	form := url.Values{"year": {"2026"}, "deadline": {"2026-03-31"}, "message_nl": {"Graag tijdig."}, "change_threshold": {"40"}}
	rec := page.do(t, h, request{method: "POST", target: "/rounds?lang=nl", form: form})
	body := rec.Body.String()
	if rec.Code != 422 || !strings.Contains(body, "de uiterste datum 2026-03-31 is al voorbij") ||
		!strings.Contains(body, `name="allow_past_deadline"`) || !strings.Contains(body, ">Graag tijdig.</textarea>") || !strings.Contains(body, `value="40"`) {
		t.Fatalf("a past deadline from the form: %d, want 422 with the question, the box and what was typed:\n%.3000s", rec.Code, body)
	}
	if rec := api.do(t, h, request{method: "GET", target: "/api/v1/rounds/2026"}); rec.Code != 404 {
		t.Errorf("the round was opened without confirmation: GET %d", rec.Code)
	}
	rec = api.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: `{"year":2026,"deadline":"2026-03-31"}`, header: map[string]string{"Accept-Language": "fr"}})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "la date limite 2026-03-31 est déjà passée") {
		t.Errorf("a past deadline by API: %d %s, want 400", rec.Code, rec.Body)
	}
	// The deadline day itself, until midnight in Brussels, has not passed.
	if rec := api.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: `{"year":2027,"deadline":"2026-12-07"}`}); rec.Code != 201 {
		t.Errorf("a deadline of today: %d %s, want 201", rec.Code, rec.Body)
	}
	form.Set("allow_past_deadline", "on")
	if rec := page.do(t, h, request{method: "POST", target: "/rounds", form: form}); rec.Code != 303 {
		t.Fatalf("a confirmed past deadline: %d, want 303:\n%.2000s", rec.Code, rec.Body)
	}
	if rec := api.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: `{"year":2025,"deadline":"2026-03-31","allow_past_deadline":true}`}); rec.Code != 201 {
		t.Errorf("a confirmed past deadline by API: %d %s, want 201", rec.Code, rec.Body)
	}
}

// shownTime is a time as the pages write it, with what follows.
var shownTime = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( C?E?S?T)?`)

// TestTimesReadInBrussels: a round's page showed "Geopend 2026-12-07 09:53"
// (UTC) beside "Eerst ingediend 2026-12-07 10:53" (Brussels), the outbox
// UTC (issue 23). Every time a person reads is in Brussels, with its zone.
func TestTimesReadInBrussels(t *testing.T) {
	st := newTestStore(t)
	h := newClockedServer(t, st, clocktest.New(time.Date(2026, 12, 7, 9, 53, 0, 0, time.UTC)))
	coordAcct := newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false)
	page, api := signIn(t, st, coordAcct), withToken(t, st, coordAcct)
	fin := withToken(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	if rec := api.do(t, h, request{method: "POST", target: "/api/v1/rounds", json: `{"year":2026,"deadline":"2027-03-31","organisations":["FIN"]}`}); rec.Code != 201 {
		t.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
	rec := fin.do(t, h, request{method: "POST", target: "/api/v1/submissions", file: longCSV(consistentObservations("FIN", 2026, 1250))})
	if rec.Code != 201 {
		t.Fatalf("FIN upload: %d %s", rec.Code, rec.Body)
	}
	var sub struct {
		ID int64 `json:"id"`
	}
	decode(t, rec.Body.String(), &sub)
	// A return puts a message in the outbox.
	if rec := api.do(t, h, request{method: "POST", target: "/api/v1/submissions/" + itoa(sub.ID) + "/return", json: `{"comment":"Kanalen tellen niet op."}`}); rec.Code != 200 {
		t.Fatalf("return: %d %s", rec.Code, rec.Body)
	}
	for _, target := range []string{"/rounds/2026?lang=nl", "/admin/outbox?lang=nl", "/submissions?lang=nl", "/submissions/" + itoa(sub.ID) + "?lang=nl", "/account/tokens?lang=nl", "/admin/audit?lang=nl"} {
		body := page.do(t, h, request{method: "GET", target: target}).Body.String()
		times := shownTime.FindAllStringSubmatch(body, -1)
		if len(times) == 0 {
			t.Errorf("%s shows no time:\n%.2000s", target, body)
		}
		for _, m := range times {
			if m[2] != " CET" && m[2] != " CEST" {
				t.Errorf("%s shows %q without its zone", target, m[0])
			}
		}
		if strings.HasPrefix(target, "/rounds/") && !strings.Contains(body, "2026-12-07 10:53 CET") {
			t.Errorf("the round's opening at 09:53 UTC is not shown as 10:53 CET:\n%.3000s", body)
		}
	}
}
