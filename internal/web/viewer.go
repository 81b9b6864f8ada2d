package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/review"
	"github.com/fcmn/infocentre/internal/webkit/bodylimit"
	"github.com/fcmn/infocentre/internal/webkit/csrf"
	"github.com/fcmn/infocentre/internal/webkit/identity"
	"github.com/fcmn/infocentre/internal/webkit/uploadaudit"
)

// Cookies of the signed-in part of the site.
const (
	sessionCookie = "ic_session" // random secret; the store keeps only its hash
	loginCSRF     = "ic_csrf"    // double-submit token of the anonymous login form
	csrfField     = csrf.Field   // hidden field every form carries
	csrfHeader    = csrf.Header
	sessionTTL    = 8 * time.Hour
)

// viewer is who makes a request (package identity).
type viewer = identity.Viewer

// viewerOf returns the request's viewer, or nil when anonymous.
func viewerOf(c echo.Context) *viewer { return identity.Of(c) }

// csrfToken is the token a state-changing request must carry (package
// csrf): the session's for a signed-in visitor, the one bound to the login
// form's cookie for the login form and anonymous posts ("" when there is
// no such cookie). API calls with a Bearer token carry no ambient
// credential, so they need none (exempt); anonymous API calls are left to
// the role check, which answers 401.
func (s *Server) csrfToken(c echo.Context) (token string, exempt bool) {
	v := viewerOf(c)
	if v != nil && v.ViaToken {
		return "", true
	}
	if v == nil && isAPI(c) {
		return "", true
	}
	if v == nil || c.Request().URL.Path == "/login" {
		// The login form (and any anonymous post): the field must be
		// the server's HMAC of the nonce in the form's cookie.
		if ck, err := c.Cookie(loginCSRF); err == nil && ck.Value != "" {
			return s.loginToken(ck.Value), false
		}
		return "", false
	}
	return v.CSRF, false
}

// parseForm parses a URL-encoded or multipart body (files above a few
// megabytes go to temporary files); a body over the limit is ETOOLARGE.
func (s *Server) parseForm(c echo.Context) error {
	r := c.Request()
	var err error
	if strings.HasPrefix(r.Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	if err == nil {
		return nil
	}
	if bodylimit.TooLarge(err) {
		return s.errTooLarge()
	}
	return domain.Errorf(domain.EINVALID, "error.form_unreadable")
}

// allow lets through only the given roles (identity.Allow).
func (s *Server) allow(roles ...string) echo.MiddlewareFunc {
	return identity.Allow("/login", isAPI, roles...)
}

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

func (s *Server) setCookie(c echo.Context, name, value string, maxAge time.Duration) {
	c.SetCookie(&http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// audit records an action with who did it and from where. A failure to
// audit fails the request: an action that cannot be recorded must not pass
// silently.
func (s *Server) audit(c echo.Context, actor, action, subject, detail string) error {
	if actor == "" {
		actor = "anonymous"
		if v := viewerOf(c); v != nil {
			actor = v.Account.Email
		}
	}
	return s.st.Audit(c.Request().Context(), domain.AuditEntry{Actor: actor, Action: action, Subject: subject, Detail: detail, Address: c.RealIP()})
}

// actor is the signed-in viewer and their address, for the review rules
// and the audit entries of the changes they make.
func (s *Server) actor(c echo.Context) review.Actor {
	return review.Actor{Account: viewerOf(c).Account, Address: c.RealIP()}
}

// auditBlocked records a login refused by the limiter. A burst of them from
// one address for one email within the limiter's window is one entry with a
// count, so that it cannot push everything else out of the audit view.
func (s *Server) auditBlocked(c echo.Context, email string) error {
	return s.auditRepeated(c, domain.AuditEntry{Actor: "anonymous", Action: "login_blocked",
		Subject: email, Detail: "too many attempts", Address: c.RealIP()}, loginWindow)
}

// auditRepeated records e, or counts it on the same entry of the same
// actor and address within the window (Store.AuditRepeated).
func (s *Server) auditRepeated(c echo.Context, e domain.AuditEntry, window time.Duration) error {
	// One at a time: parallel counts on one entry would conflict in DuckDB.
	s.blockedMu.Lock()
	defer s.blockedMu.Unlock()
	return s.st.AuditRepeated(c.Request().Context(), e, window)
}

// uploadRoutes are the routes that take a file (POST).
var uploadRoutes = map[string]bool{"/submissions/preview": true, "/submissions/confirm": true, "/registers": true,
	"/api/v1/submissions": true, "/api/v1/registers": true}

// auditDetailMax cuts the reason of a refusal in the audit log.
const auditDetailMax = uploadaudit.DetailMax

func (s *Server) errTooLarge() error {
	return domain.Errorf(domain.ETOOLARGE, "error.file_too_large", float64(s.cfg.MaxUploadBytes)/1e6)
}
