package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/accounts"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/webkit/throttle"
)

// loginRequest is a POST /login as a browser sends it after opening the
// form (its cookie and field), from an address.
func loginRequest(cookie, field, from, email, password, next string) *http.Request {
	form := url.Values{"email": {email}, "password": {password}, csrfField: {field}, "next": {next}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: loginCSRF, Value: cookie})
	req.RemoteAddr = from + ":4321"
	return req
}

// parallelLogins sends the requests all at once and counts the statuses.
func parallelLogins(h http.Handler, reqs []*http.Request) map[int]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	codes := map[int]int{}
	start := make(chan struct{})
	for _, req := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			mu.Lock()
			codes[rec.Code]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	return codes
}

// Finding 1: 40 parallel logins from one address for one account. The
// attempt is counted before the hash, so only loginMaxFailures reach it and
// the rest get 429 (before, all 40 were hashed and answered 401).
func TestLoginBurstIsCountedBeforeHashing(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", true)
	// A long wait for a slot: this test is about the count, and hashes are
	// slow on a loaded machine.
	srv.hashes = throttle.NewGate(hashSlots, time.Minute)
	const burst = 40
	reqs := make([]*http.Request, burst)
	for i := range reqs {
		cookie, field := loginFormToken(t, h)
		reqs[i] = loginRequest(cookie, field, "203.0.113.7", "agency@example.be", fmt.Sprintf("guess-%d", i), "")
	}
	_, before := srv.hashes.Stats()
	codes := parallelLogins(h, reqs)
	if codes[http.StatusUnauthorized] != loginMaxFailures || codes[http.StatusTooManyRequests] != burst-loginMaxFailures {
		t.Errorf("statuses %v: want %d × 401 and %d × 429", codes, loginMaxFailures, burst-loginMaxFailures)
	}
	peak, after := srv.hashes.Stats()
	if after-before != loginMaxFailures {
		t.Errorf("%d passwords hashed, want %d", after-before, loginMaxFailures)
	}
	if peak > hashSlots {
		t.Errorf("%d hashes ran at once, the gate allows %d", peak, hashSlots)
	}
	// The right password is refused too from the guessing address, for the
	// window, but not from the owner's (issue 23: anyone could lock any
	// account out).
	for from, want := range map[string]int{"203.0.113.7": http.StatusTooManyRequests, "203.0.113.8": http.StatusSeeOther} {
		cookie, field := loginFormToken(t, h)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, loginRequest(cookie, field, from, "agency@example.be", "password-agency@example.be", ""))
		if rec.Code != want {
			t.Errorf("right password after the burst from %s: %d, want %d", from, rec.Code, want)
		}
	}
}

// Finding 1: anonymous requests from many addresses for many emails each
// pass the limiter, but never more than hashSlots argon2id computations
// (64 MiB each) run at once; the others wait or get 503.
func TestPasswordHashesAreBounded(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	const burst = 40
	reqs := make([]*http.Request, burst)
	for i := range reqs {
		cookie, field := loginFormToken(t, h)
		email := fmt.Sprintf("nobody-%d@example.be", i)
		if i == 0 {
			email = "coord@example.be"
		}
		reqs[i] = loginRequest(cookie, field, fmt.Sprintf("198.18.0.%d", i+1), email, "guess", "")
	}
	codes := parallelLogins(h, reqs)
	peak, total := srv.hashes.Stats()
	if peak > hashSlots || peak < 1 {
		t.Errorf("%d hashes ran at once, the gate allows %d", peak, hashSlots)
	}
	if codes[http.StatusUnauthorized]+codes[http.StatusServiceUnavailable] != burst || total < codes[http.StatusUnauthorized] {
		t.Errorf("statuses %v, %d hashes: want 401 or 503 for each of %d", codes, total, burst)
	}
	t.Logf("statuses %v, peak %d of %d slots", codes, peak, hashSlots)
}

// Finding 1: a full gate answers 503 after its wait, and the attempt that
// was not checked does not count against the account.
func TestHashGateFullAnswers503(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	srv.hashes = throttle.NewGate(1, 0)
	release := holdSlot(t, srv.hashes) // one computation holds the only slot
	cookie, field := loginFormToken(t, h)
	for i := 0; i < loginMaxFailures+1; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, loginRequest(cookie, field, "192.0.2.9", "coord@example.be", "password-coord@example.be", ""))
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Fatalf("attempt %d with the gate full: %d, Retry-After %q; want 503 with Retry-After", i, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	release()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loginRequest(cookie, field, "192.0.2.9", "coord@example.be", "password-coord@example.be", ""))
	if rec.Code != http.StatusSeeOther {
		t.Errorf("once the gate is free: %d, want 303 (unchecked attempts do not count)", rec.Code)
	}
}

// Finding 7: only a path that stays on this site after the browser's URL
// rules is kept.
func TestSafeNext(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/review/completeness", "/review/completeness"},
		{"/extract?org=FIN&year=2024", "/extract?org=FIN&year=2024"},
		{"/organisations/FIN#trend", "/organisations/FIN#trend"},
		{"/%09/evil.example", "/%09/evil.example"}, // stays a path: browsers do not decode it
		{"", ""},
		{"/\t/evil.example", ""},
		{"/\t\t/evil.example", ""},
		{"\t//evil.example", ""},
		{"/\n/evil.example", ""},
		{"/\r/evil.example", ""},
		{"/\x00/evil.example", ""},
		{"/\x7f/evil.example", ""},
		{"/ /evil.example", ""},
		{"/\u00a0/evil.example", ""},
		{"//evil.example", ""},
		{"///evil.example", ""},
		{"/\\evil.example", ""},
		{"\\\\evil.example", ""},
		{"/\\/evil.example", ""},
		{"https://evil.example", ""},
		{"http:/evil.example", ""},
		{"javascript:alert(1)", ""},
		{"evil.example", ""},
		{"/%2F/evil.example", ""},
		{"/%", ""},
	}
	for _, tt := range tests {
		if got := safeNext(tt.next); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}

// Finding 7 through the server: /login?next=/%09/evil.example (a TAB) must
// not send the browser to another host.
func TestLoginNextWithTabStaysOnSite(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	rec := get(t, h, "/login?next=/%09/evil.example")
	if !strings.Contains(rec.Body.String(), `name="next" value=""`) {
		t.Error("the login form carries the hostile next")
	}
	cookie, field := loginFormToken(t, h)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, loginRequest(cookie, field, "192.0.2.10", "coord@example.be", "password-coord@example.be", "/\t/evil.example"))
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != "/review" {
		t.Errorf("status %d, Location %q: want 303 to /review", rec.Code, loc)
	}
}

// The login form's token must be one this server issued for the cookie's
// nonce: a cookie and field the client chose, even equal, are refused, as is
// the pair issued by another server.
func TestLoginFormTokenIsIssuedByTheServer(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	other, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	otherCookie, otherField := loginFormToken(t, other.Handler())
	cookie, field := loginFormToken(t, h)
	tests := []struct {
		name          string
		cookie, field string
		want          int
	}{
		{"chosen equal pair", "x", "x", http.StatusForbidden},
		{"the cookie's value as field", cookie, cookie, http.StatusForbidden},
		{"another server's pair", otherCookie, otherField, http.StatusForbidden},
		{"no cookie", "", field, http.StatusForbidden},
		{"issued pair", cookie, field, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := loginRequest(tt.cookie, tt.field, "192.0.2.11", "coord@example.be", "password-coord@example.be", "")
			if tt.cookie == "" {
				req.Header.Del("Cookie")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

// Finding 8: signing in over an existing session ends it; the new session
// has a new identifier.
func TestSignInEndsTheSessionItReplaces(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	a := newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", true)
	old := signIn(t, st, a)
	cookie, field := loginFormToken(t, h)
	req := loginRequest(cookie, field, "192.0.2.12", "agency@example.be", "password-agency@example.be", "")
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: old.session})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("sign-in over a session: %d, want 303", rec.Code)
	}
	fresh := ""
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == sessionCookie {
			fresh = ck.Value
		}
	}
	if fresh == "" || fresh == old.session {
		t.Fatalf("new session %q: want a new identifier", fresh)
	}
	if rec := old.do(t, h, request{method: http.MethodGet, target: "/submissions"}); rec.Code != http.StatusSeeOther {
		t.Errorf("the replaced session still opens /submissions: %d", rec.Code)
	}
	if rec := (&user{session: fresh}).do(t, h, request{method: http.MethodGet, target: "/submissions"}); rec.Code != http.StatusOK {
		t.Errorf("the new session does not open /submissions: %d", rec.Code)
	}
}

// Finding 8: disabling ends the sessions and revokes the tokens; enabling
// again revives neither.
func TestDisableEndsSessionsAndTokensForGood(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	a := newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false)
	session, token := signIn(t, st, a), withToken(t, st, a)
	for _, step := range []string{"disable", "enable"} {
		if rec := coord.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/admin/accounts/%d/%s", a.ID, step)}); rec.Code != http.StatusSeeOther {
			t.Fatalf("%s: %d", step, rec.Code)
		}
	}
	if rec := session.do(t, h, request{method: http.MethodGet, target: "/submissions"}); rec.Code != http.StatusSeeOther {
		t.Errorf("a session from before the disable answers %d after re-enable, want 303 to the login", rec.Code)
	}
	if rec := token.do(t, h, request{method: http.MethodGet, target: "/api/v1/submissions"}); rec.Code != http.StatusUnauthorized {
		t.Errorf("a token from before the disable answers %d after re-enable, want 401", rec.Code)
	}
	if rec := withToken(t, st, a).do(t, h, request{method: http.MethodGet, target: "/api/v1/submissions"}); rec.Code != http.StatusOK {
		t.Errorf("a new token after re-enable answers %d, want 200", rec.Code)
	}
}

// Finding 12: nothing private may be kept by a cache; HSTS behind TLS.
func TestPrivateAnswersAreNotStored(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	agency := newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false)
	tests := []struct {
		name    string
		u       *user
		r       request
		noStore bool
	}{
		{"signed-in page", coord, request{method: http.MethodGet, target: "/admin/accounts"}, true},
		{"generated password shown once", coord, request{method: http.MethodPost, target: "/admin/accounts", form: url.Values{"email": {"new@example.be"}, "role": {"analyst"}}}, true},
		{"public page seen signed in", coord, request{method: http.MethodGet, target: "/"}, true},
		{"signed-in error page", signIn(t, st, agency), request{method: http.MethodGet, target: "/admin/audit"}, true},
		{"login form", anonymous(), request{method: http.MethodGet, target: "/login"}, true},
		{"API with a token", withToken(t, st, agency), request{method: http.MethodGet, target: "/api/v1/submissions"}, true},
		{"private API refused", anonymous(), request{method: http.MethodGet, target: "/api/v1/submissions"}, true},
		{"public API with a token", withToken(t, st, agency), request{method: http.MethodGet, target: "/api/v1/indicators"}, true},
		{"public page", anonymous(), request{method: http.MethodGet, target: "/"}, false},
		{"public API", anonymous(), request{method: http.MethodGet, target: "/api/v1/indicators"}, false},
		{"assets", anonymous(), request{method: http.MethodGet, target: "/assets/style.css"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.u.do(t, h, tt.r)
			got := rec.Header().Get("Cache-Control")
			if stored := !strings.Contains(got, "no-store") || strings.Contains(got, "public"); tt.noStore == stored {
				t.Errorf("status %d, Cache-Control %q; want no-store: %v", rec.Code, got, tt.noStore)
			}
			if rec.Header().Get("Strict-Transport-Security") != "" {
				t.Error("HSTS without TLS")
			}
		})
	}
	secure, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1, SecureCookies: true}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/", "/login", "/api/v1/indicators"} {
		if got := get(t, secure.Handler(), target).Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=31536000") {
			t.Errorf("%s under --secure-cookies: Strict-Transport-Security %q", target, got)
		}
	}
}

// Finding 11: a burst of blocked logins is one audit entry with a count
// per address and email.
func TestBlockedLoginsCollapseInTheAudit(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", true)
	cookie, field := loginFormToken(t, h)
	const blocked = 60
	for i := 0; i < loginMaxFailures+blocked; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, loginRequest(cookie, field, "203.0.113.20", "agency@example.be", "guess", ""))
	}
	// From a second address the account, at its limit, allows one guess.
	reqs := make([]*http.Request, blocked+1)
	for i := range reqs {
		reqs[i] = loginRequest(cookie, field, "203.0.113.21", "agency@example.be", "guess", "")
	}
	if codes := parallelLogins(h, reqs); codes[http.StatusTooManyRequests] != blocked || codes[http.StatusUnauthorized] != 1 {
		t.Fatalf("parallel attempts: %v, want one 401 and %d × 429", codes, blocked)
	}
	entries, err := st.AuditLog(ctx, "", "login_blocked", 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, e := range entries {
		got[e.Address+" "+e.Subject] += e.Count
		if e.Count > 1 && len(entries) > 2 {
			t.Errorf("%d entries for 2 addresses: %+v", len(entries), entries)
		}
	}
	want := map[string]int{"203.0.113.20 agency@example.be": blocked, "203.0.113.21 agency@example.be": blocked}
	if len(entries) != 2 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%d entries, counts %v; want one entry per address with counts %v", len(entries), got, want)
	}
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	body := coord.do(t, h, request{method: http.MethodGet, target: "/admin/audit?action=login_blocked"}).Body.String()
	if !strings.Contains(body, fmt.Sprintf("(×%d)", blocked)) {
		t.Errorf("the audit page does not show the count ×%d", blocked)
	}
}

// Finding 11: refused uploads (403 another organisation or role, 413 too
// large, 422 unacceptable) leave an audit entry with the address, from the
// pages and from the API.
func TestRefusedUploadsAreAudited(t *testing.T) {
	st := newTestStore(t)
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1, MaxUploadBytes: 200_000}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	agencyAcct := newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false)
	agency, agencyAPI := signIn(t, st, agencyAcct), withToken(t, st, agencyAcct)
	analyst := withToken(t, st, newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false))
	notRegister := []byte("just,some,text\n1,2,3\n")
	big := bytes.Repeat([]byte("x"), 300_000)
	tests := []struct {
		name   string
		u      *user
		r      request
		status int
	}{
		{"another organisation's register, API", agencyAPI, request{target: "/api/v1/registers", file: registerCSV("FIN", 2015, 5)}, 403},
		{"another organisation's file, page", agency, request{target: "/submissions/preview", file: longCSV(consistentObservations("FIN", 2024, 100))}, 403},
		{"analyst uploads, API", analyst, request{target: "/api/v1/submissions", file: longCSV(consistentObservations("JUST", 2024, 100))}, 403},
		{"not a register, page", agency, request{target: "/registers", file: notRegister}, 422},
		{"not a register, API", agencyAPI, request{target: "/api/v1/registers", file: notRegister}, 422},
		{"too large, page", agency, request{target: "/registers", file: big}, 413},
		{"too large, API", agencyAPI, request{target: "/api/v1/submissions", file: big}, 413},
	}
	for i := range tests {
		tests[i].r.method, tests[i].r.remote = http.MethodPost, fmt.Sprintf("192.0.2.%d", 100+i)
		tt := tests[i]
		if rec := tt.u.do(t, h, tt.r); rec.Code != tt.status {
			t.Fatalf("%s: status %d, want %d: %.300s", tt.name, rec.Code, tt.status, rec.Body)
		}
	}
	entries, err := st.AuditLog(context.Background(), "", "upload_refused", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(tests) {
		t.Fatalf("%d upload_refused entries, want %d: %+v", len(entries), len(tests), entries)
	}
	for i, tt := range tests {
		e := entries[len(entries)-1-i] // newest first
		if e.Address != tt.r.remote || e.Subject != tt.r.target || !strings.HasPrefix(e.Detail, fmt.Sprint(tt.status)) || e.Actor != tt.u.acct.Email {
			t.Errorf("%s: entry %+v", tt.name, e)
		}
	}
}

// Finding 11: the audit page's filter offers every action the code records.
func TestAuditActionsListed(t *testing.T) {
	listed := map[string]bool{}
	for _, a := range auditActions {
		listed[a] = true
	}
	// The store fills in the action of the entries it writes with a change.
	literal := regexp.MustCompile(`(?:audit\(c, [^,]+, |Action: |\.Action, [a-z]+\.Subject = )"([a-z_]+)"`)
	var files []string
	for _, dir := range []string{".", "../../cmd/infocentre", "../store"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, names...)
	}
	found := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], "_") { // "criteria_" + action, "note_" + kind: below
				found[m[1]] = true
			}
		}
	}
	// Actions built from a variable: review's approve and return, the
	// self-assessment's criteria_ + save, copy and submit, the notes'
	// note_ + kind.
	for _, a := range []string{"approve", "return", "account_disable", "account_enable",
		"criteria_" + domain.ActionSave, "criteria_" + domain.ActionCopy, "criteria_" + domain.ActionSubmit,
		"note_" + domain.NoteQuestion, "note_" + domain.NoteAnswer, "note_" + domain.NoteExplanation} {
		found[a] = true
	}
	if len(found) < 15 {
		t.Fatalf("only %d actions found in the sources: %v", len(found), found)
	}
	for a := range found {
		if !listed[a] {
			t.Errorf("the code records %q, which the audit filter does not list", a)
		}
	}
	for _, want := range []string{"register_upload", "criteria_validate", "criteria_return", "mystery_check", "token_create", "token_revoke", "upload_refused"} {
		if !listed[want] {
			t.Errorf("the audit filter does not list %q", want)
		}
	}
}

// Finding 6: an account lists, creates and revokes its own API tokens in
// the browser and by API, a coordinator anyone's; a revoked token stops at
// once, while the server runs.
func TestTokensWhileServing(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	agencyAcct := newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false)
	agency := signIn(t, st, agencyAcct)
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	other := withToken(t, st, newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false))
	works := func(token string) bool {
		return (&user{token: token}).do(t, h, request{method: http.MethodGet, target: "/api/v1/tokens"}).Code == http.StatusOK
	}

	// In the browser: create, see, revoke.
	rec := agency.do(t, h, request{method: http.MethodPost, target: "/account/tokens"})
	_, rest, _ := strings.Cut(rec.Body.String(), `<code id="new-token">`)
	token, _, _ := strings.Cut(rest, "<")
	if rec.Code != http.StatusCreated || !strings.HasPrefix(token, auth.TokenPrefix) || !works(token) {
		t.Fatalf("create in the browser: %d, token %q", rec.Code, token)
	}
	prefix := token[:accounts.ShownLength]
	page := agency.do(t, h, request{method: http.MethodGet, target: "/account/tokens"}).Body.String()
	if !strings.Contains(page, prefix) || strings.Contains(page, other.token[:accounts.ShownLength]) || strings.Contains(page, token) {
		t.Error("the page must list the agency's own token by prefix only, and nobody else's")
	}
	if rec := agency.do(t, h, request{method: http.MethodPost, target: "/account/tokens/" + other.token[:accounts.ShownLength] + "/revoke"}); rec.Code != http.StatusNotFound || !works(other.token) {
		t.Errorf("an agency revokes another account's token: %d", rec.Code)
	}
	if rec := agency.do(t, h, request{method: http.MethodPost, target: "/account/tokens/" + prefix + "/revoke"}); rec.Code != http.StatusSeeOther || works(token) {
		t.Errorf("revoke in the browser: %d, token still works: %v", rec.Code, works(token))
	}
	if rec := agency.do(t, h, request{method: http.MethodPost, target: "/account/tokens", form: url.Values{"email": {"coord@example.be"}}}); rec.Code != http.StatusForbidden {
		t.Errorf("an agency creates a token for the coordinator: %d, want 403", rec.Code)
	}

	// By API, with a token: create a second one, list, revoke by prefix.
	api := withToken(t, st, agencyAcct)
	rec = api.do(t, h, request{method: http.MethodPost, target: "/api/v1/tokens", json: `{}`})
	var created struct{ Token, Prefix, Email string }
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil || rec.Code != http.StatusCreated || created.Prefix != created.Token[:accounts.ShownLength] || created.Email != "agency@example.be" {
		t.Fatalf("create by API: %d %s", rec.Code, rec.Body)
	}
	var list []tokenJSON
	if err := json.Unmarshal(api.do(t, h, request{method: http.MethodGet, target: "/api/v1/tokens"}).Body.Bytes(), &list); err != nil || len(list) != 3 {
		t.Errorf("list by API: %+v %v; want the agency's 3 tokens", list, err)
	}
	if rec := api.do(t, h, request{method: http.MethodDelete, target: "/api/v1/tokens/" + created.Prefix}); rec.Code != http.StatusOK || works(created.Token) || !works(api.token) {
		t.Errorf("DELETE by prefix: %d %s", rec.Code, rec.Body)
	}
	if rec := api.do(t, h, request{method: http.MethodDelete, target: "/api/v1/tokens/not-a-prefix"}); rec.Code != http.StatusBadRequest {
		t.Errorf("DELETE a malformed prefix: %d, want 400", rec.Code)
	}

	// A coordinator: anyone's tokens, in the browser and by API.
	page = coord.do(t, h, request{method: http.MethodGet, target: "/account/tokens"}).Body.String()
	if !strings.Contains(page, api.token[:accounts.ShownLength]) || !strings.Contains(page, other.token[:accounts.ShownLength]) {
		t.Error("the coordinator does not see every account's tokens")
	}
	rec = coord.do(t, h, request{method: http.MethodDelete, target: "/api/v1/tokens/" + api.token[:accounts.ShownLength], header: map[string]string{csrfHeader: coord.csrf}})
	if rec.Code != http.StatusOK || works(api.token) {
		t.Errorf("the coordinator revokes the agency's token: %d %s", rec.Code, rec.Body)
	}
	rec = coord.do(t, h, request{method: http.MethodPost, target: "/account/tokens", form: url.Values{"email": {"analyst@example.be"}}})
	_, rest, _ = strings.Cut(rec.Body.String(), `<code id="new-token">`)
	forAnalyst, _, _ := strings.Cut(rest, "<")
	if rec.Code != http.StatusCreated || !works(forAnalyst) {
		t.Errorf("the coordinator creates a token for the analyst: %d", rec.Code)
	}
	for action, n := range map[string]int{"token_create": 3, "token_revoke": 3} {
		entries, err := st.AuditLog(ctx, "", action, 100)
		if err != nil {
			t.Fatal(err)
		}
		// Besides those the test set up.
		served := slices.DeleteFunc(entries, func(e domain.AuditEntry) bool { return e.Actor == fixture.Actor })
		if len(served) != n {
			t.Errorf("%d %s entries, want %d", len(served), action, n)
		}
	}
}
