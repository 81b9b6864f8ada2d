package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/htmltest"
)

// loginAs posts the login form as an anonymous visitor holding the form's
// double-submit cookie.
func loginAs(t *testing.T, srv *Server, from, email, password string) (int, *http.Cookie, string) {
	t.Helper()
	rec := anonymous().do(t, srv.Handler(), request{method: http.MethodPost, target: "/login", remote: from,
		form: url.Values{"email": {email}, "password": {password}, "next": {"/review/completeness"}}})
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == sessionCookie && ck.Value != "" {
			return rec.Code, ck, rec.Header().Get("Location")
		}
	}
	return rec.Code, nil, rec.Header().Get("Location")
}

func TestLogin(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", true)

	t.Run("login form sets the double-submit cookie", func(t *testing.T) {
		rec := get(t, h, "/login?lang=fr")
		var token string
		for _, ck := range rec.Result().Cookies() {
			if ck.Name == loginCSRF {
				token = ck.Value
				if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
					t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax", ck)
				}
			}
		}
		if token == "" || htmltest.Parse(t, rec.Body.String()).Find("input[name=csrf]").Attr("value") != srv.loginToken(token) {
			t.Errorf("the form does not carry the server's token for the cookie's nonce %q", token)
		}
		if !strings.Contains(rec.Body.String(), "Mot de passe") {
			t.Error("the login page is not in French")
		}
	})
	t.Run("login without the form token is 403", func(t *testing.T) {
		rec := (&user{}).do(t, h, request{method: http.MethodPost, target: "/login",
			form: url.Values{"email": {"coord@example.be"}, "password": {"password-coord@example.be"}}})
		if rec.Code != http.StatusForbidden {
			t.Errorf("status %d, want 403", rec.Code)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		code, ck, _ := loginAs(t, srv, "198.51.100.1", "coord@example.be", "guess")
		if code != http.StatusUnauthorized || ck != nil {
			t.Errorf("status %d, session %v: want 401 and no session", code, ck)
		}
	})
	t.Run("unknown email answers the same", func(t *testing.T) {
		code, ck, _ := loginAs(t, srv, "198.51.100.2", "nobody@example.be", "guess")
		if code != http.StatusUnauthorized || ck != nil {
			t.Errorf("status %d, session %v: want 401 and no session", code, ck)
		}
	})
	t.Run("right password opens a session", func(t *testing.T) {
		code, ck, loc := loginAs(t, srv, "198.51.100.3", "COORD@example.be", "password-coord@example.be")
		if code != http.StatusSeeOther || ck == nil || loc != "/review/completeness" {
			t.Fatalf("status %d, cookie %v, location %q: want 303 to next with a session", code, ck, loc)
		}
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure {
			t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, not Secure without TLS", ck)
		}
		u := &user{session: ck.Value}
		rec := u.do(t, h, request{method: http.MethodGet, target: "/review"})
		if rec.Code != http.StatusOK || !htmltest.Parse(t, rec.Body.String()).Has("form[action=/logout]") {
			t.Fatalf("the session does not open /review: %d", rec.Code)
		}
		// The page's own token lets the visitor sign out; then the cookie is dead.
		u.csrf = extractCSRF(t, rec.Body.String())
		if rec := u.do(t, h, request{method: http.MethodPost, target: "/logout"}); rec.Code != http.StatusSeeOther {
			t.Fatalf("logout: %d", rec.Code)
		}
		if rec := u.do(t, h, request{method: http.MethodGet, target: "/review"}); rec.Code != http.StatusSeeOther {
			t.Errorf("after logout /review answers %d, want a redirect to the login", rec.Code)
		}
	})
	t.Run("disabled account cannot log in and loses its sessions", func(t *testing.T) {
		a := newAccount(t, st, "gone@example.be", auth.RoleAnalyst, "", true)
		u := signIn(t, st, a)
		if err := st.SetAccountDisabled(ctx, fixture, a.ID, true); err != nil {
			t.Fatal(err)
		}
		if code, ck, _ := loginAs(t, srv, "198.51.100.4", "gone@example.be", "password-gone@example.be"); code != http.StatusUnauthorized || ck != nil {
			t.Errorf("disabled login: %d", code)
		}
		if rec := u.do(t, h, request{method: http.MethodGet, target: "/submissions"}); rec.Code != http.StatusSeeOther {
			t.Errorf("disabled session answers %d", rec.Code)
		}
	})
	t.Run("five failures block the address, even with the right password, not the owner's", func(t *testing.T) {
		for i := 0; i < loginMaxFailures; i++ {
			loginAs(t, srv, "198.51.100.5", "agency@example.be", "wrong")
		}
		if code, ck, _ := loginAs(t, srv, "198.51.100.5", "agency@example.be", "password-agency@example.be"); code != http.StatusTooManyRequests || ck != nil {
			t.Errorf("from the guessing address: status %d, want 429 and no session", code)
		}
		if code, ck, _ := loginAs(t, srv, "198.51.100.6", "agency@example.be", "password-agency@example.be"); code != http.StatusSeeOther || ck == nil {
			t.Errorf("from another address: status %d, want 303 and a session", code)
		}
	})
	t.Run("every attempt is audited", func(t *testing.T) {
		want := map[string]int{"login": 2, "login_failed": 3 + loginMaxFailures, "login_blocked": 1, "logout": 1}
		for action, n := range want {
			entries, err := st.AuditLog(ctx, "", action, 100)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != n {
				t.Errorf("%d %s entries, want %d: %+v", len(entries), action, n, entries)
			}
			for _, e := range entries {
				if e.Address == "" {
					t.Errorf("%s entry without address", action)
				}
			}
		}
	})
}

// extractCSRF finds the CSRF token of a page's first form.
func extractCSRF(t *testing.T, body string) string {
	t.Helper()
	_, rest, ok := strings.Cut(body, `name="csrf" value="`)
	if !ok {
		t.Fatal("the page has no CSRF field")
	}
	token, _, _ := strings.Cut(rest, `"`)
	return token
}

func TestCSRF(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	agency := signIn(t, st, newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false))
	file := longCSV(consistentObservations("JUST", 2024, 100))
	tests := []struct {
		name string
		u    *user
		r    request
	}{
		{"logout", coord, request{method: http.MethodPost, target: "/logout"}},
		{"create account", coord, request{method: http.MethodPost, target: "/admin/accounts", form: url.Values{"email": {"x@example.be"}, "role": {"analyst"}}}},
		{"approve from the pages", coord, request{method: http.MethodPost, target: "/submissions/1/approve"}},
		{"approve through the API with a session", coord, request{method: http.MethodPost, target: "/api/v1/submissions/1/approve", json: `{}`}},
		{"preview upload", agency, request{method: http.MethodPost, target: "/submissions/preview", file: file}},
		{"upload through the API with a session", agency, request{method: http.MethodPost, target: "/api/v1/submissions", file: file}},
	}
	for _, tt := range tests {
		for _, token := range []string{"", "forged"} {
			t.Run(tt.name+"/"+map[string]string{"": "none", "forged": "wrong"}[token], func(t *testing.T) {
				r := tt.r
				r.noCSRF = true
				if token != "" {
					r.form = url.Values{csrfField: {token}, "email": r.form["email"], "role": r.form["role"]}
					r.header = map[string]string{csrfHeader: token}
				}
				if rec := tt.u.do(t, h, r); rec.Code != http.StatusForbidden {
					t.Errorf("status %d, want 403", rec.Code)
				}
			})
		}
	}
	accts, err := st.Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(accts) != 2 {
		t.Errorf("%d accounts: a forged form created one", len(accts))
	}
	hist, err := st.History(context.Background(), "JUST")
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range hist {
		if sub.Status == "submitted" {
			t.Errorf("a forged upload was stored: %+v", sub)
		}
	}
}
