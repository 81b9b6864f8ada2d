package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// user is a signed-in test account: its session cookie value and CSRF token
// (made directly in the store, as a login would), or an API token.
type user struct {
	acct       domain.Account
	session    string
	csrf       string
	token      string
	anon       bool   // an anonymous visitor: posts with a login form's token
	formCookie string // the login form's ic_csrf cookie, for anonymous posts
}

// fixture is who makes the changes a test sets up, in the audit log.
var fixture = domain.AuditEntry{Actor: "fixture"}

// newAccount creates an account whose password is "password-"+email.
// Hashing costs ~50 ms, so tests that never log in pass hash=false.
func newAccount(tb testing.TB, st *store.Store, email, role, org string, hash bool) domain.Account {
	tb.Helper()
	ph := "not a hash: this account never logs in with a password"
	if hash {
		var err error
		if ph, err = auth.HashPassword("password-" + email); err != nil {
			tb.Fatal(err)
		}
	}
	a, err := st.CreateAccount(context.Background(), fixture, store.NewAccount{Email: email, Role: role, Organisation: org, PasswordHash: ph})
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// signIn opens a fresh session for the account.
func signIn(tb testing.TB, st *store.Store, a domain.Account) *user {
	tb.Helper()
	secret, _ := auth.NewSecret()
	csrf, _ := auth.NewSecret()
	if err := st.CreateSession(context.Background(), auth.HashSecret(secret), a.ID, csrf, sessionTTL); err != nil {
		tb.Fatal(err)
	}
	return &user{acct: a, session: secret, csrf: csrf}
}

// withToken gives the account a new API token, as `infocentre token create` does.
func withToken(tb testing.TB, st *store.Store, a domain.Account) *user {
	tb.Helper()
	secret, _ := auth.NewSecret()
	token := auth.TokenPrefix + secret
	if _, err := st.CreateToken(context.Background(), fixture, a, auth.HashSecret(token), token[:11]); err != nil {
		tb.Fatal(err)
	}
	return &user{acct: a, token: token}
}

// request is one HTTP call of a test.
type request struct {
	method, target string
	form           url.Values // sent URL-encoded, with the user's CSRF token unless noCSRF
	file           []byte     // sent multipart as field "file" (with form's fields)
	fileName       string
	json           string
	noCSRF         bool
	header         map[string]string
	remote         string // client address, when it matters
}

func (u *user) do(tb testing.TB, h http.Handler, r request) *httptest.ResponseRecorder {
	tb.Helper()
	if u != nil && u.anon && r.method != http.MethodGet && !r.noCSRF {
		u.formCookie, u.csrf = loginFormToken(tb, h)
	}
	form := url.Values{}
	for k, v := range r.form {
		form[k] = v
	}
	if u != nil && u.csrf != "" && !r.noCSRF && r.method != http.MethodGet {
		form.Set(csrfField, u.csrf)
	}
	var body io.Reader
	contentType := ""
	switch {
	case r.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		// The token first, as the pages' forms send it: the CSRF check
		// reads only the first part.
		for _, v := range form[csrfField] {
			mw.WriteField(csrfField, v)
		}
		for k, vs := range form {
			for _, v := range vs {
				if k != csrfField {
					mw.WriteField(k, v)
				}
			}
		}
		name := r.fileName
		if name == "" {
			name = "upload.csv"
		}
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write(r.file)
		mw.Close()
		body, contentType = &buf, mw.FormDataContentType()
	case r.json != "":
		body, contentType = strings.NewReader(r.json), "application/json"
	case r.method != http.MethodGet:
		body, contentType = strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
	}
	var sent []byte
	if body != nil {
		sent, _ = io.ReadAll(body) // kept for the contract's check of the request
		body = bytes.NewReader(sent)
	}
	req := httptest.NewRequest(r.method, r.target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if u != nil {
		if u.session != "" {
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: u.session})
		}
		if u.formCookie != "" {
			req.AddCookie(&http.Cookie{Name: loginCSRF, Value: u.formCookie})
		}
		if u.token != "" {
			req.Header.Set("Authorization", "Bearer "+u.token)
		}
		if u.csrf != "" && (r.json != "" || r.method == http.MethodDelete) && !r.noCSRF {
			req.Header.Set(csrfHeader, u.csrf)
		}
	}
	if r.remote != "" {
		req.RemoteAddr = r.remote + ":4321"
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	req.Body = io.NopCloser(bytes.NewReader(sent))
	checkContract(tb, req, rec)
	return rec
}

// anonymous is a visitor without a session; its posts carry the cookie and
// the field of a login form the server just issued.
func anonymous() *user { return &user{anon: true} }

// loginFormToken opens GET /login and returns the form's ic_csrf cookie and
// the token of its hidden field.
func loginFormToken(tb testing.TB, h http.Handler) (cookie, field string) {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, "/login", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == loginCSRF {
			cookie = ck.Value
		}
	}
	_, rest, ok := strings.Cut(rec.Body.String(), `name="csrf" value="`)
	if !ok || cookie == "" {
		tb.Fatalf("GET /login gives no form token: %d", rec.Code)
	}
	field, _, _ = strings.Cut(rest, `"`)
	return cookie, field
}

// longCSV writes observations in the long layout, as an agency exports.
func longCSV(obs []domain.Observation) []byte {
	var b strings.Builder
	b.WriteString("organisation,year,indicator,breakdown,value\n")
	for _, o := range obs {
		fmt.Fprintf(&b, "%s,%d,%s,%s,%g\n", o.Organisation, o.Year, o.Indicator, o.Breakdown, o.Value)
	}
	return []byte(b.String())
}

// consistentObservations is one organisation-year that passes every rule,
// with received as given (fixtureObservations knows only the fixture's
// organisations' ratios).
func consistentObservations(org string, year int, received float64) []domain.Observation {
	obs := fixtureObservations("FIN", year, received)
	for i := range obs {
		obs[i].Organisation = org
	}
	return obs
}
