package web

import (
	"time"

	"github.com/labstack/echo/v4"
)

// countRequests counts every answer for /metrics by the route pattern it
// matched (c.Path), never the raw path. The error is rendered here, so that
// its status is the one counted.
func (s *Server) countRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		s.cfg.Metrics.Request(route, c.Request().Method, c.Response().Status, time.Since(start))
		return nil
	}
}

// PreviewBytes is the size of the previews waiting for confirmation.
func (s *Server) PreviewBytes() int64 { return s.pending.Size() }
