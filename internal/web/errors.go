package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// statusOf is the one place where an error code becomes an HTTP status. The
// detail is the domain error's message in l's language.
func statusOf(err error, l Locale) (int, string) {
	var de *domain.Error
	if errors.As(err, &de) {
		switch de.Code {
		case domain.EINVALID:
			return http.StatusBadRequest, l.Err(de)
		case domain.ENOTFOUND:
			return http.StatusNotFound, l.Err(de)
		case domain.EFORBIDDEN:
			return http.StatusForbidden, l.Err(de)
		case domain.EUNAUTH:
			return http.StatusUnauthorized, l.Err(de)
		case domain.ECONFLICT:
			return http.StatusConflict, l.Err(de)
		case domain.ETOOLARGE:
			return http.StatusRequestEntityTooLarge, l.Err(de)
		}
		return http.StatusInternalServerError, ""
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && (he.Code == http.StatusServiceUnavailable || he.Code == http.StatusTooManyRequests) {
		// A service the server lacks or that is busy (the PDF printer), or
		// a limit reached: its message says what to do instead.
		return he.Code, fmt.Sprint(he.Message)
	}
	if errors.As(err, &he) && he.Code < 500 {
		// Echo's own refusals (no such route, wrong method) say no more
		// than their status, which the page and the API explain.
		return he.Code, ""
	}
	return http.StatusInternalServerError, ""
}

// problem is an API error as RFC 9457 application/problem+json. Error and
// Message are the fields of the API's first error shape, kept so that
// existing clients still read them.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	Error    string `json:"error"`
	Message  string `json:"message"`
}

// problemType is a status's problem type and the key of its title.
type problemType struct{ uri, title string }

// problemTypes follow the Belgif REST guide's standard types; where it has
// none, the type is our own, documented in the OpenAPI document. The keys
// are written out so that the locale's usage test sees them.
var problemTypes = map[int]problemType{
	400: {"urn:problem-type:belgif:badRequest", "api_problem.bad_request"},
	401: {"urn:problem-type:belgif:noAccessToken", "api_problem.no_token"},
	403: {"urn:problem-type:infocentre:forbidden", "api_problem.forbidden"},
	404: {"urn:problem-type:belgif:resourceNotFound", "api_problem.not_found"},
	409: {"urn:problem-type:infocentre:conflict", "api_problem.conflict"},
	413: {"urn:problem-type:belgif:payloadTooLarge", "api_problem.too_large"},
	415: {"urn:problem-type:infocentre:unsupportedMediaType", "api_problem.unsupported_media"},
	429: {"urn:problem-type:belgif:tooManyRequests", "api_problem.too_many"},
	500: {"urn:problem-type:belgif:internalServerError", "api_problem.internal"},
	503: {"urn:problem-type:belgif:serviceUnavailable", "api_problem.unavailable"},
}

// invalidToken is the type of a 401 when the request did carry credentials:
// Belgif tells a missing token from one that does not work.
var invalidToken = problemType{"urn:problem-type:belgif:invalidAccessToken", "api_problem.invalid_token"}

// writeProblem answers status as a problem in l's language, saying which
// language in Content-Language.
func writeProblem(c echo.Context, l Locale, status int, detail string) error {
	pt, ok := problemTypes[status]
	switch {
	case status == http.StatusUnauthorized && c.Request().Header.Get(echo.HeaderAuthorization) != "":
		pt = invalidToken
	case !ok:
		// RFC 9457: a status with no more to say than its own meaning.
		pt = problemType{"about:blank", "api_problem.other"}
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/problem+json")
	h.Set("Content-Language", l.Lang)
	return c.JSON(status, problem{Type: pt.uri, Title: l.T(pt.title), Status: status, Detail: detail,
		Instance: c.Request().URL.Path, Error: http.StatusText(status), Message: detail})
}

// errorPage is the data of templates/error.html.
type errorPage struct {
	page
	Status  int
	Message string
	Detail  string
	Retry   string // where to try again, when there is such a place
}

// handleError answers an error as a problem (RFC 9457) under /api/ and as a page in the
// visitor's language elsewhere. Only internal errors are logged: the others
// are the visitor's, and their message is safe to show.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	l := newLocale(resolveLanguage(c, s.cfg.SecureCookies))
	status, detail := statusOf(err, l)
	switch {
	case status == http.StatusServiceUnavailable:
		// Busy or lacking a service: the server works as meant, and the
		// visitor is told when to come back.
		s.log.Warn("web: service unavailable", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	case status >= 500:
		s.log.Error("web: internal error", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	path := c.Request().URL.Path
	if strings.HasPrefix(path, "/api/") || path == "/healthz" {
		if detail == "" {
			detail = l.T(errorKey(status))
		}
		if err := writeProblem(c, l, status, detail); err != nil {
			s.log.Error("web: write error", "err", err)
		}
		return
	}
	data := errorPage{page: s.base(c, l, "", l.T("error.title")), Status: status, Message: l.T(errorKey(status)), Detail: detail}
	if err := s.render(c, status, "error", data); err != nil {
		s.log.Error("web: render error page", "err", err)
	}
}

// errorKeys are the texts of the statuses a page explains; the keys are
// written out so that the locale's usage test sees them.
var errorKeys = map[int]string{400: "error.400", 401: "error.401", 403: "error.403", 404: "error.404",
	409: "error.409", 413: "error.413", 415: "error.415", 422: "error.422", 429: "error.429"}

func errorKey(status int) string {
	if k, ok := errorKeys[status]; ok {
		return k
	}
	if status < 500 {
		return "error.400"
	}
	return "error.500"
}
