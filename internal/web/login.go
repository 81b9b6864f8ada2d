package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/webkit/throttle"
)

// loginPage is the data of templates/login.html.
type loginPage struct {
	page
	LoginCSRF string
	Next      string
	Email     string
	Message   string
	FAS       bool // the federal sign-in is offered, first
	Passwords bool // the password form is offered
}

// loginForm is GET /login. The form carries a token bound to what the
// server issued: the cookie holds a random nonce, the hidden field the
// server's HMAC of it, which a cross-site page can neither read nor compute,
// so it cannot forge a login into an attacker's account (a cookie and a
// field the client chose, however equal, are refused).
func (s *Server) loginForm(c echo.Context) error {
	if v := viewerOf(c); v != nil {
		return c.Redirect(http.StatusSeeOther, homeOf(v.Account.Role))
	}
	return s.renderLogin(c, http.StatusOK, "", "")
}

func (s *Server) renderLogin(c echo.Context, status int, email, message string) error {
	nonce := ""
	if ck, err := c.Cookie(loginCSRF); err == nil && ck.Value != "" {
		nonce = ck.Value
	} else {
		secret, err := auth.NewSecret()
		if err != nil {
			return fmt.Errorf("web: login form: %w", err)
		}
		nonce = secret
		s.setCookie(c, loginCSRF, nonce, sessionTTL)
	}
	l := s.locale(c)
	return s.render(c, status, "login", loginPage{
		page: s.base(c, l, "login", l.T("login.title")), LoginCSRF: s.loginToken(nonce),
		Next: safeNext(c.FormValue("next")), Email: email, Message: message,
		FAS: s.cfg.FAS != nil, Passwords: !s.cfg.PasswordLoginOff,
	})
}

// loginToken is the login form's token for the nonce of its cookie: an
// HMAC under the server's key, drawn at start-up.
func (s *Server) loginToken(nonce string) string {
	mac := hmac.New(sha256.New, s.formKey)
	mac.Write([]byte("login-form\x00" + nonce))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// login is POST /login: email and password against the argon2id hash. The
// attempt is counted before the hash is computed (throttle.LoginLimiter: at most
// loginMaxFailures per address, and per account from an address that failed
// on it, in the window) and the hash runs in one of the
// few slots of the hash gate, so that no burst of requests can guess more
// or exhaust memory. The answer does not tell an unknown email, a wrong
// password and a disabled account apart.
func (s *Server) login(c echo.Context) error {
	if s.cfg.PasswordLoginOff {
		return s.refusePassword(c)
	}
	ctx := c.Request().Context()
	l := s.locale(c)
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	password := c.FormValue("password")
	addr := c.RealIP()
	if !s.limiter.Attempt(addr, email) {
		if err := s.auditBlocked(c, email); err != nil {
			return fmt.Errorf("web: login: %w", err)
		}
		return s.renderLogin(c, http.StatusTooManyRequests, email, l.T("login.too_many"))
	}
	acct, hash, err := s.st.AccountByEmail(ctx, email)
	var de *domain.Error
	if err != nil && !(errors.As(err, &de) && de.Code == domain.ENOTFOUND) {
		return fmt.Errorf("web: login: %w", err)
	}
	if err != nil || acct.Disabled {
		// Same work as a real check, so that timing does not tell which
		// emails have an account.
		hash = s.dummyHash
	}
	ok := false
	var verr error
	if err := s.hashes.Run(ctx, func() { ok, verr = auth.VerifyPassword(hash, password) }); err != nil {
		// The password was not checked: the attempt does not count.
		s.limiter.Forgive(addr, email)
		if errors.Is(err, throttle.ErrBusy) {
			peak, _ := s.hashes.Stats()
			s.log.Warn("web: login refused, every password check slot is busy", "slots", s.hashes.Slots(), "peak", peak, "address", c.RealIP())
			c.Response().Header().Set("Retry-After", "5")
			return s.renderLogin(c, http.StatusServiceUnavailable, email, l.T("login.busy"))
		}
		return fmt.Errorf("web: login: %w", err)
	}
	if verr != nil {
		return fmt.Errorf("web: login %s: %w", email, verr)
	}
	ok = ok && hash != s.dummyHash
	if !ok {
		if err := s.audit(c, "anonymous", "login_failed", email, ""); err != nil {
			return fmt.Errorf("web: login: %w", err)
		}
		return s.renderLogin(c, http.StatusUnauthorized, email, l.T("login.failed"))
	}
	s.limiter.Forgive(addr, email)
	if err := s.startSession(c, acct); err != nil {
		return fmt.Errorf("web: login: %w", err)
	}
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
	if v.SessionHash != "" {
		if err := s.st.DeleteSession(c.Request().Context(), v.SessionHash); err != nil {
			return fmt.Errorf("web: logout: %w", err)
		}
	}
	s.clearCookie(c, sessionCookie)
	if err := s.audit(c, "", "logout", v.Account.Email, ""); err != nil {
		return fmt.Errorf("web: logout: %w", err)
	}
	return c.Redirect(http.StatusSeeOther, s.afterLogout(c))
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

// safeNext keeps a return path only if it stays on this site once a
// browser has applied its own URL rules: browsers drop TAB, CR and LF
// anywhere in a URL and read a backslash as a slash, so "/\t/evil.example"
// would become "//evil.example", another host. Such characters, and
// anything that parses with a scheme or a host, are refused.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return ""
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' || unicode.IsSpace(r) {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

func (s *Server) locale(c echo.Context) Locale {
	return newLocale(resolveLanguage(c, s.cfg.SecureCookies))
}
