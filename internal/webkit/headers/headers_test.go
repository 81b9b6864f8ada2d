package headers

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestSecurity: every answer forbids inline scripts, outside hosts and
// framing, with the form-action the site gives; HSTS only over HTTPS.
func TestSecurity(t *testing.T) {
	tests := []struct {
		name   string
		secure bool
		tls    bool
		hsts   bool
	}{
		{"plain HTTP", false, false, false},
		{"behind a proxy that ends TLS", true, false, true},
		{"TLS", false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := echo.New()
			e.Use(Security(func() string { return "'self' https://idp.example" }, tt.secure))
			e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "page") })
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			if tt.tls {
				req.TLS = &tls.ConnectionState{}
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			h := rec.Header()
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || !strings.Contains(csp, "form-action 'self' https://idp.example;") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" {
				t.Errorf("headers %v", h)
			}
			if got := h.Get("Strict-Transport-Security") != ""; got != tt.hsts {
				t.Errorf("Strict-Transport-Security %q, want it: %v", h.Get("Strict-Transport-Security"), tt.hsts)
			}
		})
	}
}

// TestNoStore: a private answer is no-store and loses the validators and
// the expiry a handler set; any other keeps them.
func TestNoStore(t *testing.T) {
	e := echo.New()
	e.Use(NoStore(func(c echo.Context) bool { return c.Request().URL.Path == "/private" }))
	page := func(c echo.Context) error {
		h := c.Response().Header()
		h.Set(echo.HeaderCacheControl, "public, max-age=60")
		h.Set("ETag", `W/"1"`)
		h.Set("Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT")
		h.Set("Expires", "Mon, 02 Mar 2026 11:00:00 GMT")
		return c.String(http.StatusOK, "page")
	}
	e.GET("/private", page)
	e.GET("/public", page)
	for path, private := range map[string]bool{"/private": true, "/public": false} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		h := rec.Header()
		kept := h.Get("ETag") != "" && h.Get("Last-Modified") != "" && h.Get("Expires") != ""
		if private && (h.Get(echo.HeaderCacheControl) != "private, no-store" || h.Get("ETag") != "" || h.Get("Last-Modified") != "" || h.Get("Expires") != "") {
			t.Errorf("%s: headers %v, want private, no-store without validators", path, h)
		}
		if !private && (h.Get(echo.HeaderCacheControl) != "public, max-age=60" || !kept) {
			t.Errorf("%s: headers %v, want the handler's", path, h)
		}
	}
}
