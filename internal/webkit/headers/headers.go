// Package headers sets the answers' security headers and keeps private
// answers out of every cache.
package headers

import "github.com/labstack/echo/v4"

// Security forbids inline scripts and outside hosts: charts are
// initialised by /assets/charts.js from options held in data attributes.
// Inline styles stay allowed because echarts positions its tooltip with them.
// formAction gives the sources forms may be sent to; secure says the site
// is served over HTTPS, also when a proxy ends TLS.
func Security(formAction func() string, secure bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action "+formAction()+"; frame-ancestors 'none'")
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("X-Frame-Options", "DENY")
			if secure || c.Request().TLS != nil {
				// Behind TLS: browsers must never come back over plain HTTP.
				h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			}
			return next(c)
		}
	}
}

// NoStore forbids every cache (the browser's, a proxy's) to keep what is
// private, as the site tells. It has the last word: the header is set just
// before the answer is sent, over whatever a handler set.
func NoStore(private func(echo.Context) bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if private(c) {
				res := c.Response()
				res.Before(func() {
					res.Header().Set(echo.HeaderCacheControl, "private, no-store")
					res.Header().Del("Expires")
					res.Header().Del("ETag")
					res.Header().Del("Last-Modified")
				})
			}
			return next(c)
		}
	}
}
