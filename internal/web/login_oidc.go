package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/oidclogin"
	"github.com/fcmn/infocentre/internal/store"
)

// Cookies of the federal sign-in.
const (
	// fasAttemptCookie binds a sign-in in progress to the browser that
	// started it; it is sent to /login/oidc/… only.
	fasAttemptCookie = "ic_fas"
	fasAttemptPath   = "/login/oidc"
	// fasSessionCookie marks a session opened with FAS, so that its logout
	// goes on to end the provider's session too.
	fasSessionCookie = "ic_fas_session"
)

// fasRefusedPage is the data of templates/login_fas_refused.html.
type fasRefusedPage struct {
	page
	Message string
}

// fasStart is GET /login/oidc: the sign-in with the federal authentication
// service begins, and the browser goes to the provider.
func (s *Server) fasStart(c echo.Context) error {
	if v := viewerOf(c); v != nil {
		return c.Redirect(http.StatusSeeOther, homeOf(v.Account.Role))
	}
	authURL, binding, err := s.cfg.FAS.Start(c.Request().Context(), safeNext(c.QueryParam("next")))
	if err != nil {
		return s.refuseFAS(c, err, nil)
	}
	c.SetCookie(&http.Cookie{Name: fasAttemptCookie, Value: binding, Path: fasAttemptPath,
		MaxAge: int(oidclogin.AttemptTTL.Seconds()), HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	return c.Redirect(http.StatusFound, authURL)
}

// fasCallback is GET /login/oidc/callback, where the provider sends the
// browser back: the identity is checked (oidclogin), matched to an account
// (store.FederalSignIn) and signed in like a password sign-in.
func (s *Server) fasCallback(c echo.Context) error {
	ctx := c.Request().Context()
	binding := ""
	if ck, err := c.Cookie(fasAttemptCookie); err == nil {
		binding = ck.Value
	}
	c.SetCookie(&http.Cookie{Name: fasAttemptCookie, Value: "", Path: fasAttemptPath, MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	q := c.QueryParams()
	id, next, err := s.cfg.FAS.Finish(ctx, oidclogin.Callback{Binding: binding, State: q.Get("state"), Code: q.Get("code"), Error: q.Get("error")})
	if err != nil {
		return s.refuseFAS(c, err, nil)
	}
	acct, err := s.st.FederalSignIn(ctx, domain.AuditEntry{Actor: strings.ToLower(id.Email), Address: c.RealIP()},
		store.FederalIdentity{Subject: id.Subject, Email: id.Email, EmailVerified: id.EmailVerified, Language: languageOfLocale(id.Locale)})
	if err != nil {
		return s.refuseFAS(c, err, &id)
	}
	if err := s.startSession(c, acct); err != nil {
		return fmt.Errorf("web: federal sign-in: %w", err)
	}
	s.setCookie(c, fasSessionCookie, "1", sessionTTL)
	if next == "" {
		next = homeOf(acct.Role)
	}
	return c.Redirect(http.StatusSeeOther, next)
}

// refuseFAS answers a refused federal sign-in with a page in the visitor's
// language saying why, and records the reason (in English, with the
// technical cause) in the audit log. A provider that cannot be reached is
// 503: the visitor is told to try again.
func (s *Server) refuseFAS(c echo.Context, err error, id *oidclogin.Identity) error {
	l := s.locale(c)
	var status int
	var message, reason string
	var de *domain.Error
	switch {
	case errors.Is(err, oidclogin.ErrUnavailable):
		s.log.Warn("web: federal sign-in: provider unavailable", "err", err)
		status, message, reason = http.StatusServiceUnavailable, l.T("error.fas.unavailable"), err.Error()
		c.Response().Header().Set("Retry-After", "30")
	case errors.As(err, &de):
		status, message = statusOf(de, l)
		_, reason = statusOf(de, newLocale(locale.Default)) // the audit log is in English
	default:
		return fmt.Errorf("web: federal sign-in: %w", err)
	}
	if ref := (*oidclogin.Refusal)(nil); errors.As(err, &ref) {
		reason += " (" + ref.Cause + ")"
	}
	subject := ""
	if id != nil {
		subject = strings.ToLower(id.Email)
		reason += " sub=" + id.Subject
	}
	if err := s.audit(c, "anonymous", "login_fas_refused", subject, domain.ClipTo(reason, auditDetailMax)); err != nil {
		return fmt.Errorf("web: federal sign-in: %w", err)
	}
	return s.render(c, status, "login_fas_refused", fasRefusedPage{page: s.base(c, l, "login", l.T("login.fas_refused")), Message: message})
}

// refusePassword answers POST /login while passwords are switched off:
// nothing is checked, and the page points to the federal sign-in.
func (s *Server) refusePassword(c echo.Context) error {
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	if err := s.audit(c, "anonymous", "login_failed", email, "password sign-in is switched off"); err != nil {
		return fmt.Errorf("web: login: %w", err)
	}
	return s.renderLogin(c, http.StatusForbidden, email, s.locale(c).T("login.password_off"))
}

// afterLogout is where a logout leads: the provider's end of session when
// the session was opened with FAS and the provider has one, else home.
func (s *Server) afterLogout(c echo.Context) string {
	ck, err := c.Cookie(fasSessionCookie)
	if err != nil || ck.Value == "" {
		return "/"
	}
	s.clearCookie(c, fasSessionCookie)
	if s.cfg.FAS != nil {
		if u := s.cfg.FAS.EndSessionURL(); u != "" {
			return u
		}
	}
	return "/"
}

// formAction is the pages' CSP form-action: this site, and the provider's
// end of session, where the logout form leads after a federal sign-in.
func (s *Server) formAction() string {
	if s.cfg.FAS != nil {
		if o := s.cfg.FAS.EndSessionOrigin(); o != "" {
			return "'self' " + o
		}
	}
	return "'self'"
}

// languageOfLocale is the site's language of an OIDC locale claim
// ("fr-BE", "nl_BE", "en"), or empty when it is none of nl, fr, en.
func languageOfLocale(claim string) string {
	lang, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(claim)), "-")
	lang, _, _ = strings.Cut(lang, "_")
	if locale.Supported(lang) {
		return lang
	}
	return ""
}
