package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// loginPage is the data of templates/login.html.
type loginPage struct {
	page
	LoginCSRF string
	Next      string
	Email     string
	Message   string
}

// loginForm is GET /login. The form carries a double-submit token: the same
// random value in a cookie and in a hidden field, which a cross-site page
// cannot read, so it cannot forge a login into an attacker's account.
func (s *Server) loginForm(c echo.Context) error {
	if v := viewerOf(c); v != nil {
		return c.Redirect(http.StatusSeeOther, homeOf(v.Account.Role))
	}
	return s.renderLogin(c, http.StatusOK, "", "")
}

func (s *Server) renderLogin(c echo.Context, status int, email, message string) error {
	token := ""
	if ck, err := c.Cookie(loginCSRF); err == nil && ck.Value != "" {
		token = ck.Value
	} else {
		secret, err := auth.NewSecret()
		if err != nil {
			return fmt.Errorf("web: login form: %w", err)
		}
		token = secret
		s.setCookie(c, loginCSRF, token, sessionTTL)
	}
	l := s.locale(c)
	return s.render(c, status, "login", loginPage{
		page: s.base(c, l, "login", l.T("login.title")), LoginCSRF: token,
		Next: safeNext(c.FormValue("next")), Email: email, Message: message,
	})
}

// login is POST /login: email and password against the argon2id hash, at
// most loginMaxFailures failures per address and per email in the window.
func (s *Server) login(c echo.Context) error {
	ctx := c.Request().Context()
	l := s.locale(c)
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	password := c.FormValue("password")
	keys := []string{"ip:" + c.RealIP(), "email:" + email}
	if s.limiter.blocked(keys...) {
		if err := s.audit(c, "anonymous", "login_blocked", email, "too many failures"); err != nil {
			return fmt.Errorf("web: login: %w", err)
		}
		return s.renderLogin(c, http.StatusTooManyRequests, email, l.T("login.too_many"))
	}
	acct, hash, err := s.st.AccountByEmail(ctx, email)
	var de *domain.Error
	if err != nil && !(errors.As(err, &de) && de.Code == domain.ENOTFOUND) {
		return fmt.Errorf("web: login: %w", err)
	}
	ok := false
	if err == nil && !acct.Disabled {
		ok, err = auth.VerifyPassword(hash, password)
		if err != nil {
			return fmt.Errorf("web: login %s: %w", email, err)
		}
	} else {
		// Same work as a real check, so that timing does not tell which
		// emails have an account.
		_, _ = auth.VerifyPassword(s.dummyHash, password)
	}
	if !ok {
		s.limiter.fail(keys...)
		if err := s.audit(c, "anonymous", "login_failed", email, ""); err != nil {
			return fmt.Errorf("web: login: %w", err)
		}
		return s.renderLogin(c, http.StatusUnauthorized, email, l.T("login.failed"))
	}
	secret, err := auth.NewSecret()
	if err != nil {
		return fmt.Errorf("web: login: %w", err)
	}
	csrf, err := auth.NewSecret()
	if err != nil {
		return fmt.Errorf("web: login: %w", err)
	}
	if err := s.st.CreateSession(ctx, auth.HashSecret(secret), acct.ID, csrf, sessionTTL); err != nil {
		return fmt.Errorf("web: login: %w", err)
	}
	s.setCookie(c, sessionCookie, secret, sessionTTL)
	s.clearCookie(c, loginCSRF)
	if err := s.audit(c, acct.Email, "login", acct.Email, acct.Role); err != nil {
		return fmt.Errorf("web: login: %w", err)
	}
	next := safeNext(c.FormValue("next"))
	if next == "" {
		next = homeOf(acct.Role)
	}
	return c.Redirect(http.StatusSeeOther, next)
}

// logout is POST /logout: the session is deleted on the server, not only
// forgotten by the browser.
func (s *Server) logout(c echo.Context) error {
	v := viewerOf(c)
	if v.sessionHash != "" {
		if err := s.st.DeleteSession(c.Request().Context(), v.sessionHash); err != nil {
			return fmt.Errorf("web: logout: %w", err)
		}
	}
	s.clearCookie(c, sessionCookie)
	if err := s.audit(c, "", "logout", v.Account.Email, ""); err != nil {
		return fmt.Errorf("web: logout: %w", err)
	}
	return c.Redirect(http.StatusSeeOther, "/")
}

// homeOf is where a role lands after signing in.
func homeOf(role string) string {
	switch role {
	case auth.RoleAgency:
		return "/submissions"
	case auth.RoleCoordinator:
		return "/review"
	}
	return "/extract"
}

// safeNext keeps a return path only if it stays on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return ""
	}
	return next
}

func (s *Server) locale(c echo.Context) Locale {
	return newLocale(resolveLanguage(c, s.cfg.SecureCookies))
}
