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
	acct    domain.Account
	session string
	csrf    string
	token   string
}

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
	a, err := st.CreateAccount(context.Background(), store.NewAccount{Email: email, Role: role, Organisation: org, PasswordHash: ph})
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
	if _, err := st.CreateToken(context.Background(), a.ID, auth.HashSecret(token), token[:11]); err != nil {
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
		for k, vs := range form {
			for _, v := range vs {
				mw.WriteField(k, v)
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
	req := httptest.NewRequest(r.method, r.target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if u != nil {
		if u.session != "" {
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: u.session})
		} else if u.token == "" && u.csrf != "" {
			req.AddCookie(&http.Cookie{Name: loginCSRF, Value: u.csrf})
		}
		if u.token != "" {
			req.Header.Set("Authorization", "Bearer "+u.token)
		}
		if u.csrf != "" && r.json != "" && !r.noCSRF {
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
	return rec
}

// anonymous is a visitor with only the login form's double-submit cookie.
func anonymous() *user { return &user{csrf: "anonymous-form-token"} }

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
