package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/webkit/throttle"
)

// File checks at once: reading a file of the largest size into
// observations takes the server up to a few hundred megabytes (issue 17: a
// file of 947,618 duplicate rows, 224 MB), so at most fileCheckSlots
// uploads, previews and confirmations run at once; a request waits at most
// fileCheckWait for a slot, then is answered 503.
const (
	fileCheckSlots = 2
	fileCheckWait  = 30 * time.Second
)

// oneOfFewFileChecks runs the handler of a file upload in one of the
// file-check slots.
func (s *Server) oneOfFewFileChecks(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var herr error
		err := s.fileChecks.Run(c.Request().Context(), func() { herr = next(c) })
		if errors.Is(err, throttle.ErrBusy) {
			s.log.Warn("web: upload refused, every file-check slot is busy", "slots", s.fileChecks.Slots(), "path", c.Request().URL.Path)
			c.Response().Header().Set("Retry-After", "30")
			l := s.locale(c)
			if strings.HasPrefix(c.Request().URL.Path, "/api/") {
				l = apiLocale(c)
			}
			return echo.NewHTTPError(http.StatusServiceUnavailable, l.T("upload.busy"))
		}
		if err != nil {
			return err
		}
		return herr
	}
}
