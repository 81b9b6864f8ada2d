// Package bodylimit caps request bodies, so that no handler reads more than
// the largest accepted upload into memory or onto disk.
package bodylimit

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

// multipartSlack is what a multipart body may add to its file: boundaries,
// part headers and the small fields.
const multipartSlack = 64 << 10

// Limit caps every request body at upload, the largest accepted file, and
// what a multipart body adds to it, so that neither the CSRF check nor a
// handler reads more than that into memory or onto disk.
func Limit(upload int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.Body != nil {
				r.Body = http.MaxBytesReader(c.Response(), r.Body, upload+multipartSlack)
			}
			return next(c)
		}
	}
}

// TooLarge tells whether err is a body read beyond its limit.
func TooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}
