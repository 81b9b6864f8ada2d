// Package csrf refuses the state-changing requests a browser makes without
// the right token, in the X-CSRF-Token header or as the first field of the
// form, reading no more of the body than that.
package csrf

import (
	"bytes"
	"crypto/subtle"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/webkit/bodylimit"
)

// Where a request carries its token.
const (
	Field  = "csrf"         // hidden field every form carries, first in a multipart form
	Header = "X-CSRF-Token" // header of scripts and API calls
)

// Check refuses any state-changing request made by a browser without the
// right token, which the site tells: expected gives the token the request
// must carry ("" when the request cannot have the right one), or exempt
// for a request that needs none.
func Check(expected func(c echo.Context) (token string, exempt bool)) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			switch c.Request().Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
				return next(c)
			}
			want, exempt := expected(c)
			if exempt {
				return next(c)
			}
			if want == "" {
				return domain.Errorf(domain.EFORBIDDEN, "error.csrf")
			}
			got := c.Request().Header.Get(Header)
			if got == "" {
				var err error
				if got, err = formToken(c); err != nil {
					return err
				}
			}
			if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
				return domain.Errorf(domain.EFORBIDDEN, "error.csrf")
			}
			return next(c)
		}
	}
}

// Bounds of what the CSRF check reads of a form before it knows the token.
const (
	// FormMaxBytes caps a URL-encoded body: forms without a file carry a
	// few short texts (the longest, notes on values, are 4,000 characters).
	FormMaxBytes = 1_000_000
	// PeekBytes is what the check reads of a multipart body: the
	// boundary, the headers of the first part and the token it must hold.
	PeekBytes = 64 << 10
	// maxBytes bounds the token itself.
	maxBytes = 1 << 10
)

// formToken returns the csrf field of a form POST without reading more of
// its body than it must. A URL-encoded body is small and capped at
// FormMaxBytes, and is parsed. Of a multipart body (a file upload, up to
// the upload limit) only the first part is read, which must be the csrf
// field, within PeekBytes; the bytes read are put back in front of the
// rest, so that the handler reads the body unchanged. Any other body
// carries no token: such a request needs the X-CSRF-Token header.
func formToken(c echo.Context) (string, error) {
	r := c.Request()
	if r.Body == nil {
		return "", nil
	}
	mediaType, params, err := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	if err != nil {
		return "", nil
	}
	switch mediaType {
	case echo.MIMEApplicationForm:
		r.Body = http.MaxBytesReader(c.Response(), r.Body, FormMaxBytes)
		if err := r.ParseForm(); err != nil {
			if bodylimit.TooLarge(err) {
				return "", domain.Errorf(domain.ETOOLARGE, "error.form_too_large", FormMaxBytes/1_000_000)
			}
			return "", domain.Errorf(domain.EINVALID, "error.form_unreadable")
		}
		return r.PostForm.Get(Field), nil
	case echo.MIMEMultipartForm:
		var read bytes.Buffer
		part, err := multipart.NewReader(io.TeeReader(io.LimitReader(r.Body, PeekBytes), &read), params["boundary"]).NextPart()
		if err != nil || part.FormName() != Field || part.FileName() != "" {
			return "", nil
		}
		token, err := io.ReadAll(io.LimitReader(part, maxBytes+1))
		if err != nil || len(token) > maxBytes {
			return "", nil
		}
		r.Body = replayedBody{Reader: io.MultiReader(&read, r.Body), Closer: r.Body}
		return string(token), nil
	}
	return "", nil
}

// replayedBody is a request body whose first bytes were read already and
// are read again from memory.
type replayedBody struct {
	io.Reader
	io.Closer
}
