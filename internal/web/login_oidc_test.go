package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
	"github.com/fcmn/infocentre/internal/oidclogin"
	"github.com/fcmn/infocentre/internal/store"
)

// fasRedirect is the callback the test servers register at the provider;
// the tests take it from the provider's redirect and hand it to the
// handler themselves.
const fasRedirect = "http://infocentre.test/login/oidc/callback"

// fasProvider is an in-process OIDC provider standing in for FAS. It
// always publishes the key it started with, so that a test may sign tokens
// with another key (by replacing m.Keypair), and it advertises an
// end_session_endpoint.
func fasProvider(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	published, err := m.Keypair.JWKS()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	if err := m.AddMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case mockoidc.JWKSEndpoint:
				w.Header().Set("Content-Type", "application/json")
				w.Write(published)
			case mockoidc.DiscoveryEndpoint:
				rec := httptest.NewRecorder()
				next.ServeHTTP(rec, r)
				var doc map[string]any
				if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
					http.Error(w, err.Error(), http.StatusInternalServerError)
					return
				}
				doc["end_session_endpoint"] = base + "/oidc/logout"
				w.Header().Set("Content-Type", "application/json")
				json.NewEncoder(w).Encode(doc)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}); err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	return m
}

// newFASServer is a test server that signs in with the provider at issuer.
func newFASServer(t *testing.T, issuer, clientID, secret string, passwordsOff bool) (*Server, *store.Store) {
	t.Helper()
	st := newTestStore(t)
	fas := oidclogin.New(oidclogin.Config{Issuer: issuer, ClientID: clientID, ClientSecret: secret,
		RedirectURL: fasRedirect, PostLogoutURL: "http://infocentre.test/"})
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1, FAS: fas, PasswordLoginOff: passwordsOff},
		st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return srv, st
}

// fasUser is an identity at the provider, with the claims a test needs.
type fasUser struct {
	sub, email, locale string
	unverified         bool
	nonce              string // replaces the sign-in's nonce in the ID token
	expired            bool   // the ID token expired an hour ago
}

type fasClaims struct {
	*mockoidc.IDTokenClaims
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Locale        string `json:"locale,omitempty"`
}

func (u fasUser) ID() string { return u.sub }

func (u fasUser) Userinfo([]string) ([]byte, error) {
	return json.Marshal(map[string]string{"sub": u.sub, "email": u.email})
}

func (u fasUser) Claims(_ []string, c *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	if u.nonce != "" {
		c.Nonce = u.nonce
	}
	if u.expired {
		c.IssuedAt = jwt.NewNumericDate(time.Now().Add(-2 * time.Hour))
		c.NotBefore = c.IssuedAt
		c.ExpiresAt = jwt.NewNumericDate(time.Now().Add(-time.Hour))
	}
	return &fasClaims{IDTokenClaims: c, Email: u.email, EmailVerified: !u.unverified, Locale: u.locale}, nil
}

// browserGet is a GET of a browser holding cookies.
func browserGet(t *testing.T, h http.Handler, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for _, ck := range cookies {
		if ck != nil {
			req.AddCookie(ck)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func cookieOf(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == name && ck.Value != "" {
			return ck
		}
	}
	return nil
}

// fasStart begins a sign-in in lang as u, and follows the provider's
// answer (tamper may change the authorization request first). It returns
// the callback target the provider redirected to and the browser's
// cookies: the attempt's binding and the language.
func fasStart(t *testing.T, h http.Handler, m *mockoidc.MockOIDC, lang string, u mockoidc.User, tamper func(url.Values)) (string, []*http.Cookie) {
	t.Helper()
	m.QueueUser(u)
	langCookie := &http.Cookie{Name: langCookie, Value: lang}
	rec := browserGet(t, h, "/login/oidc", langCookie)
	if rec.Code != http.StatusFound {
		t.Fatalf("GET /login/oidc: status %d, want 302 to the provider:\n%s", rec.Code, rec.Body)
	}
	binding := cookieOf(rec, fasAttemptCookie)
	if binding == nil || !binding.HttpOnly || binding.Path != fasAttemptPath || binding.MaxAge != 600 {
		t.Fatalf("binding cookie %+v: want HttpOnly, path %s, 10 minutes", binding, fasAttemptPath)
	}
	authURL, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	q := authURL.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" || q.Get("state") == "" ||
		q.Get("scope") != "openid email profile" || q.Get("redirect_uri") != fasRedirect {
		t.Fatalf("authorization request %s: want PKCE S256, nonce, state, scopes openid email profile", authURL)
	}
	if tamper != nil {
		tamper(q)
		authURL.RawQuery = q.Encode()
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL.String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(back.String(), fasRedirect) {
		t.Fatalf("provider: status %d, location %q: want a redirect to the callback", resp.StatusCode, back)
	}
	return back.RequestURI(), []*http.Cookie{binding, langCookie}
}

// refusal is what a refused federal sign-in must show: the status, the
// reason in the visitor's language, and the reason in the audit log.
type refusal struct {
	status int
	reason *domain.Error
	audit  string // part of the audit entry's detail
}

func assertRefused(t *testing.T, st *store.Store, rec *httptest.ResponseRecorder, lang string, want refusal) {
	t.Helper()
	if rec.Code != want.status {
		t.Errorf("status %d, want %d:\n%s", rec.Code, want.status, rec.Body)
	}
	if ck := cookieOf(rec, sessionCookie); ck != nil {
		t.Errorf("a refused sign-in set a session cookie %+v", ck)
	}
	text := newLocale(lang).Err(want.reason)
	if want.reason.Key == "error.fas.unavailable" {
		text = newLocale(lang).T(want.reason.Key)
	}
	body := rec.Body.String()
	if page := htmltest.Parse(t, body); !strings.Contains(page.Text(), text) || page.Find("html").Attr("lang") != lang {
		t.Errorf("the page does not say %q in %s:\n%s", text, lang, body)
	}
	entries, err := st.AuditLog(context.Background(), "", "login_fas_refused", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || !strings.Contains(entries[0].Detail, want.audit) {
		t.Errorf("audit %+v: want login_fas_refused with %q", entries, want.audit)
	}
	if n, err := st.AuditLog(context.Background(), "", "login_fas", 10); err != nil || len(n) != signedInBefore[st] {
		t.Errorf("a refusal wrote a login_fas entry: %+v %v", n, err)
	}
}

// signedInBefore counts each store's successful federal sign-ins, so that
// a refusal can check it added none.
var signedInBefore = map[*store.Store]int{}

func TestFederalSignIn(t *testing.T) {
	m := fasProvider(t)
	srv, st := newFASServer(t, m.Issuer(), m.ClientID, m.ClientSecret, false)
	h := srv.Handler()
	ctx := context.Background()
	coord := newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false)
	disabled := newAccount(t, st, "gone@example.be", auth.RoleAnalyst, "", false)
	if err := st.SetAccountDisabled(ctx, fixture, disabled.ID, true); err != nil {
		t.Fatal(err)
	}
	jane := fasUser{sub: "fas-jane", email: "Coord@Example.be", locale: "fr-BE"}

	var replay string
	var replayCookies []*http.Cookie
	t.Run("first sign-in binds the account and opens a session", func(t *testing.T) {
		target, cookies := fasStart(t, h, m, "en", jane, nil)
		rec := browserGet(t, h, target, cookies...)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/review" || cookieOf(rec, sessionCookie) == nil {
			t.Fatalf("status %d, location %q: want 303 to /review with a session:\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
		signedInBefore[st]++
		replay, replayCookies = target, cookies
		u := &user{session: cookieOf(rec, sessionCookie).Value}
		if page := u.do(t, h, request{method: http.MethodGet, target: "/review"}); page.Code != http.StatusOK {
			t.Errorf("the new session does not open /review: %d", page.Code)
		}
		entries, _ := st.AuditLog(ctx, "coord@example.be", "login_fas", 1)
		if len(entries) != 1 || entries[0].Subject != "coord@example.be" || !strings.Contains(entries[0].Detail, "sub=fas-jane") {
			t.Errorf("audit %+v: want login_fas of coord@example.be with its subject", entries)
		}
		if bound, _ := st.AuditLog(ctx, "", "account_bind_fas", 1); len(bound) != 1 || bound[0].Detail != "sub=fas-jane" {
			t.Errorf("audit %+v: want the binding", bound)
		}
		if lang, _ := st.AccountLanguage(ctx, coord.ID); lang != "fr" {
			t.Errorf("language %q: the locale claim fr-BE must set it while none was chosen", lang)
		}
	})
	t.Run("the locale claim does not override a language the person chose", func(t *testing.T) {
		if err := st.SetAccountLanguage(ctx, fixture, coord.ID, "nl"); err != nil {
			t.Fatal(err)
		}
		target, cookies := fasStart(t, h, m, "en", fasUser{sub: "fas-jane", email: "coord@example.be", locale: "en"}, nil)
		if rec := browserGet(t, h, target, cookies...); rec.Code != http.StatusSeeOther || cookieOf(rec, sessionCookie) == nil {
			t.Fatalf("second sign-in: status %d", rec.Code)
		}
		signedInBefore[st]++
		if lang, _ := st.AccountLanguage(ctx, coord.ID); lang != "nl" {
			t.Errorf("language %q, want the chosen nl", lang)
		}
	})

	cases := []struct {
		name string
		lang string
		run  func(t *testing.T) *httptest.ResponseRecorder
		want refusal
	}{
		{"replayed callback", "en", func(t *testing.T) *httptest.ResponseRecorder {
			return browserGet(t, h, replay, replayCookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.state_unknown"), "unknown or was used already"}},
		{"replayed code with a new state", "fr", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "fr", jane, nil)
			old, _ := url.Parse(replay)
			fresh, _ := url.Parse(target)
			q := fresh.Query()
			q.Set("code", old.Query().Get("code"))
			return browserGet(t, h, fresh.Path+"?"+q.Encode(), cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.code"), "refused the sign-in code"}},
		{"missing state", "fr", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "fr", jane, nil)
			u, _ := url.Parse(target)
			q := u.Query()
			q.Del("state")
			return browserGet(t, h, u.Path+"?"+q.Encode(), cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.state_missing"), "carries no state"}},
		{"wrong state", "nl", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "nl", jane, nil)
			u, _ := url.Parse(target)
			q := u.Query()
			q.Set("state", "not-the-state")
			return browserGet(t, h, u.Path+"?"+q.Encode(), cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.state_unknown"), "unknown or was used already"}},
		{"callback in another browser", "en", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "en", jane, nil)
			return browserGet(t, h, target, cookies[1]) // the language, not the binding
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.state_browser"), "another browser"}},
		{"wrong nonce", "fr", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "fr", fasUser{sub: "fas-jane", email: "coord@example.be", nonce: "another-sign-in"}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.nonce"), "does not belong to this sign-in"}},
		{"nonce removed from the request", "nl", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "nl", jane, func(q url.Values) { q.Del("nonce") })
			return browserGet(t, h, target, cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.nonce"), "does not belong to this sign-in"}},
		{"expired ID token", "nl", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "nl", fasUser{sub: "fas-jane", email: "coord@example.be", expired: true}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.token_expired"), "has expired"}},
		{"ID token signed with another key", "fr", func(t *testing.T) *httptest.ResponseRecorder {
			published := m.Keypair
			other, err := mockoidc.RandomKeypair(2048)
			if err != nil {
				t.Fatal(err)
			}
			m.Keypair = other
			defer func() { m.Keypair = published }()
			target, cookies := fasStart(t, h, m, "fr", jane, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.token"), "(failed to verify signature"}},
		{"unverified e-mail", "nl", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "nl", fasUser{sub: "fas-jane", email: "coord@example.be", unverified: true}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{403, domain.Errorf(domain.EFORBIDDEN, "error.fas.email_unverified", "coord@example.be"), "has not verified"}},
		{"unknown e-mail", "fr", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "fr", fasUser{sub: "fas-nobody", email: "nobody@example.be"}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{403, domain.Errorf(domain.EFORBIDDEN, "error.fas.no_account", "nobody@example.be"), "no Infocentre account has the e-mail address nobody@example.be"}},
		{"disabled account", "nl", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "nl", fasUser{sub: "fas-gone", email: "gone@example.be"}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{403, domain.Errorf(domain.EFORBIDDEN, "error.fas.disabled", "gone@example.be"), "is disabled"}},
		{"subject other than the bound one", "fr", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "fr", fasUser{sub: "fas-impostor", email: "coord@example.be"}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{403, domain.Errorf(domain.EFORBIDDEN, "error.fas.subject_mismatch", "coord@example.be"), "bound to another federal identity"}},
		{"subject bound to another account", "en", func(t *testing.T) *httptest.ResponseRecorder {
			newAccount(t, st, "second@example.be", auth.RoleAnalyst, "", false)
			target, cookies := fasStart(t, h, m, "en", fasUser{sub: "fas-jane", email: "second@example.be"}, nil)
			return browserGet(t, h, target, cookies...)
		}, refusal{403, domain.Errorf(domain.EFORBIDDEN, "error.fas.subject_taken", "second@example.be"), "bound to another account"}},
		{"sign-in cancelled at the provider", "nl", func(t *testing.T) *httptest.ResponseRecorder {
			target, cookies := fasStart(t, h, m, "nl", jane, nil)
			u, _ := url.Parse(target)
			q := u.Query()
			q.Del("code")
			q.Set("error", "access_denied")
			return browserGet(t, h, u.Path+"?"+q.Encode(), cookies...)
		}, refusal{401, domain.Errorf(domain.EUNAUTH, "error.fas.provider_refused", domain.Quoted("access_denied")), "did not sign you in"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assertRefused(t, st, tc.run(t), tc.lang, tc.want)
		})
	}

	t.Run("unbound by the coordinator, the account binds to the new identity", func(t *testing.T) {
		admin := signIn(t, st, newAccount(t, st, "admin@example.be", auth.RoleCoordinator, "", false))
		page := admin.do(t, h, request{method: http.MethodGet, target: "/admin/accounts?lang=en"})
		if !strings.Contains(page.Body.String(), `action="/admin/accounts/`+idString(coord.ID)+`/unbind"`) {
			t.Fatalf("the accounts page offers no unbind of %s:\n%s", coord.Email, page.Body)
		}
		rec := admin.do(t, h, request{method: http.MethodPost, target: "/admin/accounts/" + idString(coord.ID) + "/unbind"})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("unbind: status %d:\n%s", rec.Code, rec.Body)
		}
		if e, _ := st.AuditLog(ctx, "admin@example.be", "account_unbind_fas", 1); len(e) != 1 || e[0].Subject != "coord@example.be" {
			t.Errorf("audit %+v: want account_unbind_fas of coord@example.be", e)
		}
		if again := admin.do(t, h, request{method: http.MethodPost, target: "/admin/accounts/" + idString(coord.ID) + "/unbind"}); again.Code != http.StatusNotFound {
			t.Errorf("unbinding an unbound account: status %d, want 404", again.Code)
		}
		target, cookies := fasStart(t, h, m, "en", fasUser{sub: "fas-impostor", email: "coord@example.be"}, nil)
		rec = browserGet(t, h, target, cookies...)
		if rec.Code != http.StatusSeeOther || cookieOf(rec, sessionCookie) == nil {
			t.Fatalf("sign-in after unbinding: status %d:\n%s", rec.Code, rec.Body)
		}
		signedInBefore[st]++

		// Logout ends the local session, then goes on to the provider's.
		u := &user{session: cookieOf(rec, sessionCookie).Value}
		csrfPage := u.do(t, h, request{method: http.MethodGet, target: "/account"})
		if csp := csrfPage.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+m.Addr()) {
			t.Errorf("CSP %q: the logout form must be allowed to lead to the provider", csp)
		}
		_, csrf, err := st.SessionAccount(ctx, auth.HashSecret(u.session))
		if err != nil {
			t.Fatal(err)
		}
		u.csrf = csrf
		req := httptest.NewRequest(http.MethodPost, "/logout", strings.NewReader(url.Values{csrfField: {csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: u.session})
		req.AddCookie(cookieOf(rec, fasSessionCookie))
		out := httptest.NewRecorder()
		h.ServeHTTP(out, req)
		loc := out.Header().Get("Location")
		if out.Code != http.StatusSeeOther || !strings.HasPrefix(loc, m.Addr()+"/oidc/logout?") ||
			!strings.Contains(loc, "post_logout_redirect_uri="+url.QueryEscape("http://infocentre.test/")) {
			t.Errorf("logout: status %d, location %q: want the provider's end of session", out.Code, loc)
		}
		if _, _, err := st.SessionAccount(ctx, auth.HashSecret(u.session)); err == nil {
			t.Error("the local session outlived the logout")
		}
	})
}

func idString(id int64) string { return fmt.Sprint(id) }

// TestFederalSignInProviderDown: a server whose provider does not answer
// starts all the same, and the sign-in answers 503 in the visitor's
// language, audited, without a session.
func TestFederalSignInProviderDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String() + "/oidc"
	ln.Close() // nothing listens there any more
	srv, st := newFASServer(t, issuer, "infocentre", "secret", false)
	for _, lang := range []string{"nl", "fr"} {
		rec := browserGet(t, srv.Handler(), "/login/oidc", &http.Cookie{Name: langCookie, Value: lang})
		if rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s: no Retry-After", lang)
		}
		if ck := cookieOf(rec, fasAttemptCookie); ck != nil {
			t.Errorf("%s: an attempt cookie without an attempt", lang)
		}
		assertRefused(t, st, rec, lang, refusal{503, domain.Errorf(domain.EINTERNAL, "error.fas.unavailable"), "unavailable: discovery at " + issuer})
	}
	if rec := browserGet(t, srv.Handler(), "/login?lang=nl"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="fas-login"`) {
		t.Errorf("the login page: status %d, want 200 with the federal sign-in", rec.Code)
	}
}

// TestPasswordLoginOff: with --password-login=false a right password opens
// no session, the page points to the federal sign-in, and a coordinator
// cannot give an account a password.
func TestPasswordLoginOff(t *testing.T) {
	m := fasProvider(t)
	srv, st := newFASServer(t, m.Issuer(), m.ClientID, m.ClientSecret, true)
	h := srv.Handler()
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)

	page := browserGet(t, h, "/login?lang=nl")
	body := page.Body.String()
	if login := htmltest.Parse(t, body); !login.Has("#fas-login") || login.Has("#password") ||
		!strings.Contains(login.Text(), newLocale("nl").T("login.password_off")) {
		t.Errorf("the login page must offer the federal sign-in only, and say so:\n%s", body)
	}
	// The page has no form any more; the post carries a valid form token
	// all the same, so that only the switch refuses it.
	visitor := &user{formCookie: "a-nonce", csrf: srv.loginToken("a-nonce")}
	rec := visitor.do(t, h, request{method: http.MethodPost, target: "/login?lang=fr", remote: "198.51.100.9",
		form: url.Values{"email": {"coord@example.be"}, "password": {"password-coord@example.be"}}})
	if rec.Code != http.StatusForbidden || cookieOf(rec, sessionCookie) != nil {
		t.Errorf("right password: status %d, session %v: want 403 and no session", rec.Code, cookieOf(rec, sessionCookie))
	}
	if !strings.Contains(htmltest.Parse(t, rec.Body.String()).Text(), newLocale("fr").T("login.password_off")) {
		t.Errorf("the refusal does not point to the federal sign-in in French:\n%s", rec.Body)
	}
	if e, _ := st.AuditLog(context.Background(), "", "login_failed", 1); len(e) != 1 || e[0].Detail != "password sign-in is switched off" {
		t.Errorf("audit %+v: want the refusal", e)
	}

	admin := signIn(t, st, newAccount(t, st, "admin@example.be", auth.RoleCoordinator, "", false))
	rec = admin.do(t, h, request{method: http.MethodPost, target: "/admin/accounts?lang=en",
		form: url.Values{"email": {"new@example.be"}, "role": {"analyst"}, "password": {"a long enough password"}}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), newLocale("en").T("login.password_off")) {
		t.Errorf("an account with a password: status %d, want 400 pointing to the federal sign-in", rec.Code)
	}
	rec = admin.do(t, h, request{method: http.MethodPost, target: "/admin/accounts?lang=en",
		form: url.Values{"email": {"new@example.be"}, "role": {"analyst"}}})
	if rec.Code != http.StatusCreated || strings.Contains(rec.Body.String(), `id="generated-password"`) || strings.Contains(rec.Body.String(), `id="new-password"`) {
		t.Errorf("an account without a password: status %d, want 201, no password shown or asked", rec.Code)
	}
}
