package identity

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// accounts knows one token and one session, by the hashes of their
// secrets; the session "broken" fails as a database would.
type accounts struct{}

func (accounts) TokenAccount(_ context.Context, hash string) (domain.Account, error) {
	if hash == auth.HashSecret(auth.TokenPrefix+"good") {
		return domain.Account{Email: "api@example.be", Role: auth.RoleAgency}, nil
	}
	return domain.Account{}, domain.Errorf(domain.EUNAUTH, "error.sign_in")
}

func (accounts) SessionAccount(_ context.Context, hash string) (domain.Account, string, error) {
	switch hash {
	case auth.HashSecret("good"):
		return domain.Account{Email: "coord@example.be", Role: auth.RoleCoordinator}, "the-csrf", nil
	case auth.HashSecret("broken"):
		return domain.Account{}, "", errors.New("database gone")
	}
	return domain.Account{}, "", domain.Errorf(domain.EUNAUTH, "error.sign_in")
}

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// TestIdentify: a Bearer token is read on the API only, and one that does
// not work is refused; a session cookie gives its account and CSRF token;
// a stale one is dropped and the visitor is anonymous; a failing store
// fails the request.
func TestIdentify(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		bearer  string
		cookie  string
		want    string // the viewer's email; "" for anonymous
		token   bool
		code    string // of the refusal
		dropped bool
	}{
		{"anonymous", "/", "", "", "", false, "", false},
		{"token", "/api/v1/x", "Bearer " + auth.TokenPrefix + "good", "", "api@example.be", true, "", false},
		{"unknown token", "/api/v1/x", "Bearer " + auth.TokenPrefix + "bad", "", "", false, domain.EUNAUTH, false},
		{"not a token", "/api/v1/x", "Basic eA==", "", "", false, domain.EUNAUTH, false},
		{"token off the API", "/", "Bearer " + auth.TokenPrefix + "good", "", "", false, "", false},
		{"session", "/", "", "good", "coord@example.be", false, "", false},
		{"stale session", "/", "", "stale", "", false, "", true},
		{"store fails", "/", "", "broken", "", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			if tt.bearer != "" {
				req.Header.Set(echo.HeaderAuthorization, tt.bearer)
			}
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: "session", Value: tt.cookie})
			}
			c := echo.New().NewContext(req, httptest.NewRecorder())
			dropped := false
			var seen *Viewer
			err := Identify(Config{Accounts: accounts{}, SessionCookie: "session", API: isAPI,
				DropSession: func(echo.Context) { dropped = true }})(func(c echo.Context) error {
				seen = Of(c)
				return nil
			})(c)
			var de *domain.Error
			switch {
			case tt.name == "store fails":
				if err == nil || errors.As(err, &de) {
					t.Fatalf("error %v, want the store's", err)
				}
				return
			case tt.code != "":
				if !errors.As(err, &de) || de.Code != tt.code {
					t.Fatalf("error %v, want %s", err, tt.code)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if got := ""; seen != nil {
				got = seen.Account.Email
				if got != tt.want || seen.ViaToken != tt.token || (tt.token == (seen.CSRF != "")) || (tt.token == (seen.SessionHash != "")) {
					t.Errorf("viewer %+v, want %s (token %v)", seen, tt.want, tt.token)
				}
			} else if tt.want != "" {
				t.Errorf("anonymous, want %s", tt.want)
			}
			if dropped != tt.dropped {
				t.Errorf("session dropped: %v, want %v", dropped, tt.dropped)
			}
		})
	}
}

// TestAllow: the allowed roles pass; another role is forbidden; an
// anonymous visitor is sent to the login page with the way back from a
// page, and is unauthorised on the API or with a form.
func TestAllow(t *testing.T) {
	coord := &Viewer{Account: domain.Account{Role: auth.RoleCoordinator}}
	agency := &Viewer{Account: domain.Account{Role: auth.RoleAgency}}
	tests := []struct {
		name     string
		method   string
		target   string
		viewer   *Viewer
		code     string
		location string
	}{
		{"allowed", http.MethodGet, "/admin", coord, "", ""},
		{"other role", http.MethodGet, "/admin", agency, domain.EFORBIDDEN, ""},
		{"anonymous page", http.MethodGet, "/admin?x=1", nil, "", "/login?next=%2Fadmin%3Fx%3D1"},
		{"anonymous API", http.MethodGet, "/api/v1/admin", nil, domain.EUNAUTH, ""},
		{"anonymous form", http.MethodPost, "/admin", nil, domain.EUNAUTH, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c := echo.New().NewContext(httptest.NewRequest(tt.method, tt.target, nil), rec)
			if tt.viewer != nil {
				c.Set(viewerKey, tt.viewer)
			}
			ran := false
			err := Allow("/login", isAPI, auth.RoleCoordinator, auth.RoleAnalyst)(func(echo.Context) error {
				ran = true
				return nil
			})(c)
			var de *domain.Error
			switch {
			case tt.code != "" && (!errors.As(err, &de) || de.Code != tt.code || ran):
				t.Errorf("error %v, ran %v; want %s", err, ran, tt.code)
			case tt.location != "" && (rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != tt.location || ran):
				t.Errorf("%d to %q, want 303 to %q", rec.Code, rec.Header().Get("Location"), tt.location)
			case tt.code == "" && tt.location == "" && (err != nil || !ran):
				t.Errorf("error %v, ran %v; want through", err, ran)
			}
		})
	}
}
