package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// tokenFor creates an API token for an existing account.
func tokenFor(t *testing.T, db, email string) string {
	t.Helper()
	out, code := runCLI(t, "token", "create", "--db", db, "--email", email)
	if code != 0 {
		t.Fatalf("token create: %s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// csrfOf is the session's CSRF token on a page of a signed-in visitor.
func csrfOf(t *testing.T, page string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, `name="csrf" value="`)
	if !ok {
		t.Fatalf("the page has no CSRF field:\n%.1000s", page)
	}
	token, _, _ := strings.Cut(rest, `"`)
	return token
}

// TestServerHoldsNoteFloods (issue 23, N5): an agency posting 200 notes
// in a burst on an approved submission is refused after the limit with 429,
// Retry-After and a sentence in its language; the coordinator gets one
// e-mail about them, not one per note; and the notes written after the
// approval stay out of the public letter until the coordinator accepts
// them.
func TestServerHoldsNoteFloods(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	db := filepath.Join(t.TempDir(), "notes.duckdb")
	addAccount(t, db, "coordinator@network.example", "coordinator", "", coordinatorPassword)
	addAccount(t, db, "agency@fin.example", "agency", "FIN", coordinatorPassword)
	agencyToken, coordinatorToken := tokenFor(t, db, "agency@fin.example"), tokenFor(t, db, "coordinator@network.example")
	_, base := serve(t, "--db", db)

	status, answer := upload(t, base+"/api/v1/submissions", agencyToken, "FIN 2023.csv",
		[]byte("organisation,year,indicator,breakdown,value\nFIN,2023,received,,120\n"))
	var sub struct{ ID int64 }
	if status != http.StatusCreated || json.Unmarshal(answer, &sub) != nil || sub.ID == 0 {
		t.Fatalf("upload: %d %s", status, answer)
	}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/submissions/%d/approve", base, sub.ID), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+coordinatorToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	page := fmt.Sprintf("/submissions/%d", sub.ID)
	note := func(b *browser, csrf, body string) (int, string) {
		return b.do(http.MethodPost, page+"/notes", "", url.Values{"csrf": {csrf}, "indicator": {"received"}, "breakdown": {""}, "body": {body}})
	}

	coordinator := newBrowser(t, base)
	if got := coordinator.login("", "coordinator@network.example", coordinatorPassword); got != http.StatusSeeOther {
		t.Fatalf("coordinator login: %d", got)
	}
	_, html := coordinator.do(http.MethodGet, page, "", nil)
	coordinatorCSRF := csrfOf(t, html)
	if got, body := note(coordinator, coordinatorCSRF, "Which offices does this count?"); got != http.StatusSeeOther {
		t.Fatalf("the coordinator's question: %d %.500s", got, body)
	}

	agency := newBrowser(t, base)
	if got := agency.login("", "agency@fin.example", coordinatorPassword); got != http.StatusSeeOther {
		t.Fatalf("agency login: %d", got)
	}
	_, html = agency.do(http.MethodGet, page, "", nil)
	agencyCSRF := csrfOf(t, html)
	codes := map[int]int{}
	var refusal string
	for i := range 200 {
		req, err := http.NewRequest(http.MethodPost, base+page+"/notes", strings.NewReader(url.Values{"csrf": {agencyCSRF},
			"indicator": {"received"}, "breakdown": {""}, "body": {fmt.Sprintf("FLOOD-NOTE %d", i)}}.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept-Language", "nl")
		resp, err := agency.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		codes[resp.StatusCode]++
		if resp.StatusCode == http.StatusTooManyRequests && refusal == "" {
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			refusal = string(body)
			if resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
		resp.Body.Close()
	}
	t.Logf("200 notes: %v", codes)
	if codes[http.StatusSeeOther] != 20 || codes[http.StatusTooManyRequests] != 180 {
		t.Errorf("200 notes answered %v, want 20 × 303 and 180 × 429", codes)
	}
	if refusal != "" && !strings.Contains(refusal, "hoogstens 20 per 10 minuten") {
		t.Errorf("the refusal is not the Dutch sentence:\n%.2000s", refusal)
	}

	_, outbox := coordinator.do(http.MethodGet, "/admin/outbox", "", nil)
	if n := strings.Count(outbox, `data-kind="answer"`); n != 1 {
		t.Errorf("%d messages to the coordinator about the answers, want 1", n)
	}

	letter := "/reports/organisations/FIN?year=2023&lang=en"
	if _, html := newBrowser(t, base).do(http.MethodGet, letter, "", nil); strings.Contains(html, "FLOOD-NOTE") {
		t.Error("the public letter shows a note written after the approval, before the coordinator accepted it")
	} else if !strings.Contains(html, "Which offices does this count?") {
		t.Errorf("the public letter lacks the coordinator's question:\n%.3000s", html)
	}
	if _, html := coordinator.do(http.MethodGet, page, "", nil); !strings.Contains(html, "not yet public") {
		t.Error("the submission page does not say which notes are not yet public")
	}
	if got, _ := coordinator.do(http.MethodPost, page+"/notes/accept", "", url.Values{"csrf": {coordinatorCSRF}}); got != http.StatusSeeOther {
		t.Fatalf("accept the notes: %d", got)
	}
	if _, html := newBrowser(t, base).do(http.MethodGet, letter, "", nil); strings.Count(html, "FLOOD-NOTE") != 20 {
		t.Errorf("the public letter shows %d accepted notes, want 20", strings.Count(html, "FLOOD-NOTE"))
	}
}
