// Package identity finds who makes a request, an account signed in by a
// session cookie or by an API token, and lets through only the roles a
// route allows.
package identity

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// Viewer is who makes a request: an account signed in by a session cookie
// or by an API token. Anonymous requests have none.
type Viewer struct {
	Account     domain.Account
	CSRF        string // the session's CSRF token; empty under an API token
	SessionHash string // the hash of the session cookie's secret; empty under an API token
	ViaToken    bool
}

// Is tells whether the viewer has one of the roles.
func (v *Viewer) Is(roles ...string) bool {
	for _, r := range roles {
		if v.Account.Role == r {
			return true
		}
	}
	return false
}

const viewerKey = "viewer"

// Of returns the request's viewer, or nil when anonymous.
func Of(c echo.Context) *Viewer {
	v, _ := c.Get(viewerKey).(*Viewer)
	return v
}

// Accounts finds the account of an API token or of a session by the hash
// of its secret; an unknown or expired one is EUNAUTH.
type Accounts interface {
	TokenAccount(ctx context.Context, hash string) (domain.Account, error)
	SessionAccount(ctx context.Context, hash string) (acct domain.Account, csrf string, err error)
}

// Config is what Identify needs of the site.
type Config struct {
	Accounts      Accounts
	SessionCookie string
	// API tells whether a request is an API call, the only place a Bearer
	// token is read.
	API func(echo.Context) bool
	// DropSession clears a stale session cookie.
	DropSession func(echo.Context)
}

// Identify finds the viewer: a Bearer token on the API, else the session
// cookie. A token that does not work is refused at once (the caller meant
// to authenticate); a stale session cookie is dropped and the visitor is
// anonymous.
func Identify(cfg Config) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx := c.Request().Context()
			if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" && cfg.API(c) {
				token, ok := strings.CutPrefix(h, "Bearer ")
				if !ok || !strings.HasPrefix(token, auth.TokenPrefix) {
					return domain.Errorf(domain.EUNAUTH, "error.bearer_expected", auth.TokenPrefix)
				}
				acct, err := cfg.Accounts.TokenAccount(ctx, auth.HashSecret(token))
				if err != nil {
					return err
				}
				c.Set(viewerKey, &Viewer{Account: acct, ViaToken: true})
				return next(c)
			}
			if ck, err := c.Cookie(cfg.SessionCookie); err == nil && ck.Value != "" {
				hash := auth.HashSecret(ck.Value)
				acct, csrf, err := cfg.Accounts.SessionAccount(ctx, hash)
				var de *domain.Error
				switch {
				case err == nil:
					c.Set(viewerKey, &Viewer{Account: acct, CSRF: csrf, SessionHash: hash})
				case errors.As(err, &de) && de.Code == domain.EUNAUTH:
					cfg.DropSession(c)
				default:
					return err
				}
			}
			return next(c)
		}
	}
}

// Allow lets through only the given roles: anonymous visitors are sent to
// the login page (pages) or answered 401 (API, as api tells, and form
// posts), other roles get 403.
func Allow(login string, api func(echo.Context) bool, roles ...string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			v := Of(c)
			if v == nil {
				if c.Request().Method == http.MethodGet && !api(c) {
					return c.Redirect(http.StatusSeeOther, login+"?next="+url.QueryEscape(c.Request().URL.RequestURI()))
				}
				return domain.Errorf(domain.EUNAUTH, "error.sign_in")
			}
			if !v.Is(roles...) {
				names := make(domain.List, len(roles))
				for i, r := range roles {
					names[i] = domain.Phrasef("role." + r)
				}
				return domain.Errorf(domain.EFORBIDDEN, "error.roles_only", names, domain.Phrasef("role."+v.Account.Role))
			}
			return next(c)
		}
	}
}
