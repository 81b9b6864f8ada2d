package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// statusOf is the one place where an error code becomes an HTTP status.
func statusOf(err error) (int, string) {
	var de *domain.Error
	if errors.As(err, &de) {
		switch de.Code {
		case domain.EINVALID:
			return http.StatusBadRequest, de.Message
		case domain.ENOTFOUND:
			return http.StatusNotFound, de.Message
		case domain.EFORBIDDEN:
			return http.StatusForbidden, de.Message
		case domain.EUNAUTH:
			return http.StatusUnauthorized, de.Message
		case domain.ECONFLICT:
			return http.StatusConflict, de.Message
		case domain.ETOOLARGE:
			return http.StatusRequestEntityTooLarge, de.Message
		}
		return http.StatusInternalServerError, ""
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusServiceUnavailable {
		// A service the server lacks or that is busy (the PDF printer): its
		// message says what to do instead.
		return he.Code, fmt.Sprint(he.Message)
	}
	if errors.As(err, &he) && he.Code < 500 {
		return he.Code, http.StatusText(he.Code)
	}
	return http.StatusInternalServerError, ""
}

// errorPage is the data of templates/error.html.
type errorPage struct {
	page
	Status  int
	Message string
	Detail  string
	Retry   string // where to try again, when there is such a place
}

// handleError answers an error as JSON under /api/ and as a page in the
// visitor's language elsewhere. Only internal errors are logged: the others
// are the visitor's, and their message is safe to show.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, detail := statusOf(err)
	if status >= 500 {
		s.log.Error("web: internal error", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	path := c.Request().URL.Path
	if strings.HasPrefix(path, "/api/") || path == "/healthz" {
		if detail == "" {
			detail = http.StatusText(status)
		}
		if err := c.JSON(status, map[string]string{"error": http.StatusText(status), "message": detail}); err != nil {
			s.log.Error("web: write error", "err", err)
		}
		return
	}
	l := newLocale(resolveLanguage(c, s.cfg.SecureCookies))
	data := errorPage{page: s.base(c, l, "", l.T("error.title")), Status: status, Message: l.T(errorKey(status)), Detail: detail}
	if err := s.render(c, status, "error", data); err != nil {
		s.log.Error("web: render error page", "err", err)
	}
}

func errorKey(status int) string {
	switch status {
	case 400, 401, 403, 404, 409, 413, 422, 429:
		return "error." + strconv.Itoa(status)
	}
	if status < 500 {
		return "error.400"
	}
	return "error.500"
}
