package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/testfiles"
)

// xlsxBomb is an XLSX-looking zip whose worksheet honestly inflates to size
// bytes (ingest refuses anything above 256 MB).
func xlsxBomb(t *testing.T, size int64) []byte {
	t.Helper()
	data, err := testfiles.XLSXBomb(size, false)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decodeAnswer(t *testing.T, body []byte) uploadAnswer {
	t.Helper()
	var ans uploadAnswer
	if err := json.Unmarshal(body, &ans); err != nil {
		t.Fatalf("answer %s: %v", body, err)
	}
	return ans
}

func TestAPIUpload(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	agencyAcct := newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false)
	agency := withToken(t, st, agencyAcct)
	revoked := withToken(t, st, newAccount(t, st, "old@just.example", auth.RoleAgency, "JUST", false))
	if _, err := st.RevokeTokens(ctx, fixture, revoked.acct, ""); err != nil {
		t.Fatal(err)
	}
	disabled := withToken(t, st, newAccount(t, st, "gone@just.example", auth.RoleAgency, "JUST", false))
	if err := st.SetAccountDisabled(ctx, fixture, disabled.acct.ID, true); err != nil {
		t.Fatal(err)
	}
	analyst := withToken(t, st, newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false))
	coordinator := withToken(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))

	just2024 := consistentObservations("JUST", 2024, 400)
	good := longCSV(just2024)
	// A wide file with codes: no organisation column, so it gets the token's.
	wide := []byte("received,admissible,inadmissible\n90,60,30\n")
	upload := func(u *user, name string, data []byte, form url.Values) *httptest.ResponseRecorder {
		return u.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions", file: data, fileName: name, form: form})
	}

	tests := []struct {
		name    string
		u       *user
		file    string
		data    []byte
		form    url.Values
		status  int
		message string // part of the JSON message
	}{
		{"no token", &user{}, "a.csv", good, nil, 401, "sign in or send an API token"},
		{"not a bearer token", &user{token: "nope"}, "a.csv", good, nil, 401, "Bearer"},
		{"unknown token", &user{token: auth.TokenPrefix + "guessed"}, "a.csv", good, nil, 401, "invalid or revoked"},
		{"revoked token", revoked, "a.csv", good, nil, 401, "invalid or revoked"},
		{"disabled account's token", disabled, "a.csv", good, nil, 401, "invalid or revoked"},
		{"analyst uploads nothing", analyst, "a.csv", good, nil, 403, "reserved"},
		{"other organisation by column", agency, "a.csv", longCSV(consistentObservations("FIN", 2024, 100)), nil, 403, "figures of FIN"},
		{"other organisation by title", agency, "report.csv", []byte("FOD Financiën\nIndicator,2024\nreceived,10\nadmissible,8\ninadmissible,2\n"), nil, 403, "figures of FIN"},
		{"other organisation by file name", agency, "FIN_2024.csv", wide, nil, 403, "figures of FIN"},
		{"refused file", agency, "bad.csv", []byte("organisation,year,indicator,value\nJUST,2024,received,ten\n"), nil, 422, "refused"},
		{"zip bomb", agency, "bomb.xlsx", xlsxBomb(t, 300<<20), nil, 422, "refused"},
		{"oversized", agency, "big.csv", bytes.Repeat([]byte("x"), int(srv.cfg.MaxUploadBytes)+1), nil, 413, "limit of 20.0 MB"},
		{"no file", agency, "", nil, nil, 400, "no file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec *httptest.ResponseRecorder
			if tt.data == nil {
				rec = tt.u.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions", form: url.Values{"x": {"y"}}})
			} else {
				rec = upload(tt.u, tt.file, tt.data, tt.form)
			}
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.message) {
				t.Errorf("body %s lacks %q", rec.Body, tt.message)
			}
		})
	}
	t.Run("the zip bomb's problem says why", func(t *testing.T) {
		ans := decodeAnswer(t, upload(agency, "bomb.xlsx", xlsxBomb(t, 300<<20), nil).Body.Bytes())
		if len(ans.Problems) == 0 || !strings.Contains(ans.Problems[0].Message, "unpacks to more than") {
			t.Errorf("problems %+v", ans.Problems)
		}
	})
	t.Run("nothing was stored by the refusals", func(t *testing.T) {
		if subs := submittedOf(t, st, "JUST"); len(subs) != 0 {
			t.Errorf("stored: %+v", subs)
		}
	})

	t.Run("dry run answers the preview and stores nothing", func(t *testing.T) {
		rec := upload(agency, "just.csv", good, url.Values{"dry_run": {"true"}})
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		ans := decodeAnswer(t, rec.Body.Bytes())
		if ans.Status != "dry_run" || ans.ID != 0 || ans.Organisation != "JUST" || fmt.Sprint(ans.Years) != "[2024]" || ans.Observations != len(just2024) {
			t.Errorf("answer %+v", ans)
		}
		if subs := submittedOf(t, st, "JUST"); len(subs) != 0 {
			t.Errorf("a dry run stored %+v", subs)
		}
	})
	var id int64
	t.Run("upload is stored as submitted", func(t *testing.T) {
		rec := upload(agency, "just.csv", good, nil)
		if rec.Code != http.StatusCreated {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		ans := decodeAnswer(t, rec.Body.Bytes())
		if ans.Status != domain.StatusSubmitted || ans.ID == 0 || ans.Organisation != "JUST" || ans.Observations != len(just2024) || ans.Warnings == nil {
			t.Errorf("answer %+v", ans)
		}
		id = ans.ID
		sub, obs, err := st.Submission(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if sub.Status != domain.StatusSubmitted || sub.Source != "agency@just.example" || sub.Year != 2024 || len(obs) != len(just2024) {
			t.Errorf("stored %+v with %d observations", sub, len(obs))
		}
		// Not public until approved.
		if pub := get(t, h, "/api/v1/observations?organisation=JUST&year=2024").Body.String(); strings.TrimSpace(pub) != "[]" {
			t.Errorf("submitted figures are public: %s", pub)
		}
	})
	t.Run("the same file again is unchanged", func(t *testing.T) {
		rec := upload(agency, "just.csv", good, nil)
		ans := decodeAnswer(t, rec.Body.Bytes())
		if rec.Code != http.StatusOK || ans.Status != "unchanged" || len(ans.Submissions) != 1 || ans.Submissions[0] != id {
			t.Errorf("status %d, answer %+v", rec.Code, ans)
		}
	})
	t.Run("a file without organisation gets the token's", func(t *testing.T) {
		rec := upload(agency, "yearly_2021.csv", wide, nil)
		ans := decodeAnswer(t, rec.Body.Bytes())
		if rec.Code != http.StatusCreated || ans.Organisation != "JUST" || fmt.Sprint(ans.Years) != "[2021]" {
			t.Errorf("status %d, answer %+v", rec.Code, ans)
		}
	})
	t.Run("file names lose their paths", func(t *testing.T) {
		obs := consistentObservations("JUST", 2019, 50)
		rec := upload(agency, `..\..\etc/=HYPERLINK("x").csv`, longCSV(obs), nil)
		ans := decodeAnswer(t, rec.Body.Bytes())
		if rec.Code != http.StatusCreated {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		sub, _, err := st.Submission(ctx, ans.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sub.FileName != `=HYPERLINK("x").csv` {
			t.Errorf("stored name %q", sub.FileName)
		}
		coordUser := signIn(t, st, coordinator.acct)
		page := coordUser.do(t, h, request{method: http.MethodGet, target: "/submissions"}).Body.String()
		if !strings.Contains(page, "=HYPERLINK(&#34;x&#34;).csv") {
			t.Error("the list does not show the name escaped")
		}
	})
	t.Run("agency lists only its own", func(t *testing.T) {
		importSubmitted(t, st, "fin.csv", consistentObservations("FIN", 2025, 10))
		var subs []domain.Submission
		rec := agency.do(t, h, request{method: http.MethodGet, target: "/api/v1/submissions"})
		if err := json.Unmarshal(rec.Body.Bytes(), &subs); err != nil {
			t.Fatal(err)
		}
		if len(subs) == 0 {
			t.Fatal("no submissions listed")
		}
		for _, s := range subs {
			if s.Organisation != "JUST" {
				t.Errorf("agency of JUST sees %+v", s)
			}
		}
		rec = coordinator.do(t, h, request{method: http.MethodGet, target: "/api/v1/submissions?status=submitted"})
		subs = nil
		if err := json.Unmarshal(rec.Body.Bytes(), &subs); err != nil {
			t.Fatal(err)
		}
		orgs := map[string]bool{}
		for _, s := range subs {
			orgs[s.Organisation] = true
			if s.Status != domain.StatusSubmitted {
				t.Errorf("status=submitted lists %+v", s)
			}
		}
		if !orgs["FIN"] || !orgs["JUST"] {
			t.Errorf("the coordinator's inbox lacks an organisation: %v", orgs)
		}
	})
	t.Run("agency cannot approve", func(t *testing.T) {
		rec := agency.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/api/v1/submissions/%d/approve", id)})
		if rec.Code != http.StatusForbidden {
			t.Errorf("status %d", rec.Code)
		}
	})
	t.Run("coordinator approves, then the figures are public", func(t *testing.T) {
		rec := coordinator.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/api/v1/submissions/%d/approve", id)})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"approved"`) {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		pub := get(t, h, "/api/v1/observations?organisation=JUST&year=2024&indicator=received").Body.String()
		if !strings.Contains(pub, `"value":400`) {
			t.Errorf("published: %s", pub)
		}
		again := coordinator.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/api/v1/submissions/%d/approve", id)})
		if again.Code != http.StatusConflict {
			t.Errorf("approving twice: %d", again.Code)
		}
	})
	t.Run("return needs a comment", func(t *testing.T) {
		sub := importSubmitted(t, st, "fin2.csv", consistentObservations("FIN", 2026, 10))
		target := fmt.Sprintf("/api/v1/submissions/%d/return", sub)
		if rec := coordinator.do(t, h, request{method: http.MethodPost, target: target, json: `{}`}); rec.Code != http.StatusBadRequest {
			t.Errorf("without comment: %d", rec.Code)
		}
		if rec := coordinator.do(t, h, request{method: http.MethodPost, target: target, form: url.Values{"comment": {"Channels do not add up."}}}); rec.Code != http.StatusOK {
			t.Errorf("with comment: %d %s", rec.Code, rec.Body)
		}
		got, _, _ := st.Submission(ctx, sub)
		if got.Status != domain.StatusReturned || got.Comment != "Channels do not add up." {
			t.Errorf("stored %+v", got)
		}
	})
	t.Run("uploads, approvals and returns are audited", func(t *testing.T) {
		for action, actor := range map[string]string{"upload": "agency@just.example", "approve": "coord@example.be", "return": "coord@example.be"} {
			entries, err := st.AuditLog(ctx, actor, action, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) == 0 {
				t.Errorf("no %s by %s in the audit log", action, actor)
			}
		}
	})
}

// submittedOf lists an organisation's submissions waiting for review.
func submittedOf(t *testing.T, st *store.Store, org string) []domain.Submission {
	t.Helper()
	hist, err := st.History(context.Background(), org)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.Submission
	for _, s := range hist {
		if s.Status == domain.StatusSubmitted {
			out = append(out, s)
		}
	}
	return out
}

func importSubmitted(t *testing.T, st *store.Store, name string, obs []domain.Observation) int64 {
	t.Helper()
	res, err := st.Import(context.Background(), store.ImportRequest{FileName: name, SHA256: name, Source: "test",
		Kind: domain.KindFile, Status: domain.StatusSubmitted, Observations: obs})
	if err != nil {
		t.Fatal(err)
	}
	return res.Created[0].ID
}

// TestConcurrentAgencyUploads sends 20 agencies' files at once through the
// real handler: every one is stored whole, under its own organisation, and
// no database conflict reaches anyone.
func TestConcurrentAgencyUploads(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ref := st.Reference()
	if len(ref.Organisations) < 20 {
		t.Fatalf("the catalogue has %d organisations, the test needs 20", len(ref.Organisations))
	}
	type agencyUpload struct {
		u        *user
		org      string
		received float64
	}
	var uploads []agencyUpload
	for i, o := range ref.Organisations[:20] {
		a := newAccount(t, st, fmt.Sprintf("agency%d@example.be", i), auth.RoleAgency, o.Code, false)
		uploads = append(uploads, agencyUpload{withToken(t, st, a), o.Code, float64(1000 + 10*i)})
	}
	var wg sync.WaitGroup
	answers := make([]*httptest.ResponseRecorder, len(uploads))
	for i, up := range uploads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Half the agencies send a year the fixture has, half a new one,
			// so that some write new versions of the same rows.
			answers[i] = up.u.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions",
				file: longCSV(consistentObservations(up.org, 2023+i%2, up.received)), fileName: up.org + ".csv"})
		}()
	}
	wg.Wait()
	for i, up := range uploads {
		rec := answers[i]
		if rec.Code != http.StatusCreated {
			t.Errorf("%s: status %d: %s", up.org, rec.Code, rec.Body)
			continue
		}
		ans := decodeAnswer(t, rec.Body.Bytes())
		sub, obs, err := st.Submission(context.Background(), ans.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sub.Organisation != up.org || sub.Source != up.u.acct.Email || sub.Status != domain.StatusSubmitted || len(obs) != 14 {
			t.Errorf("%s: stored %+v with %d observations", up.org, sub, len(obs))
		}
		for _, o := range obs {
			if o.Organisation != up.org {
				t.Errorf("%s's submission holds %+v", up.org, o)
			}
			if o.Indicator == "received" && o.Value != up.received {
				t.Errorf("%s: received %v, want %v", up.org, o.Value, up.received)
			}
		}
		if subs := submittedOf(t, st, up.org); len(subs) != 1 {
			t.Errorf("%s has %d waiting submissions, want 1", up.org, len(subs))
		}
	}
}

func TestCleanFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"report.xlsx", "report.xlsx"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\me\Desktop\cijfers 2024.xlsx`, "cijfers 2024.xlsx"},
		{"=cmd|' -C calc'!A0\x00.csv", "=cmd|' -C calc'!A0.csv"},
		{"bell\x07\r\n.csv", "bell.csv"},
		{"..", "upload"},
		{"/", "upload"},
		{"", "upload"},
		{strings.Repeat("a", 300) + ".csv", strings.Repeat("a", 196) + ".csv"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cleanFileName(tt.in); got != tt.want {
				t.Errorf("cleanFileName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
