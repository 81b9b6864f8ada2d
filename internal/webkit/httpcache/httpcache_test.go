package httpcache

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// fixedVersion is a data version that holds since a fixed time.
type fixedVersion struct {
	version int64
	since   time.Time
}

func (v *fixedVersion) State(context.Context) (int64, time.Time, error) {
	return v.version, v.since, nil
}

// newSite serves routes behind Public; a request with the header Signed-In
// is a signed-in visitor's, and the revalidations without a handler are
// counted.
func newSite(v Versions, revalidated *int) *echo.Echo {
	e := echo.New()
	e.Use(Public(Config{
		Versions:     v,
		Boot:         "boot",
		SharedMaxAge: 10 * time.Second,
		SignedIn:     func(c echo.Context) bool { return c.Request().Header.Get("Signed-In") != "" },
		Language:     func(echo.Context) string { return "en" },
		Revalidated:  func(echo.Context) { *revalidated++ },
	}))
	return e
}

// request makes a GET of target with header's names and values.
func request(target string, header ...string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return r
}

func get(e *echo.Echo, target string, header ...string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, request(target, header...))
	return rec
}

// TestNotModifiedOnlyWhereFound: the validator is the data version's, the
// same for every URL, so a matching conditional request is answered 304
// only when its page exists; the handler's body is not sent. A page that is
// not found, or that redirects, answers as without the validator (issue 23
// saw /organisations/NOPE answered 304).
func TestNotModifiedOnlyWhereFound(t *testing.T) {
	revalidated := 0
	e := newSite(&fixedVersion{version: 7, since: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}, &revalidated)
	runs := 0
	e.GET("/found", func(c echo.Context) error {
		runs++
		return c.String(http.StatusOK, "rendered")
	})
	e.GET("/missing", func(c echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "no such page") })
	e.GET("/moved", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/found") })
	first := get(e, "/found")
	etag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || etag != `W/"7-en-boot"` || first.Header().Get("Last-Modified") != "Mon, 02 Mar 2026 10:00:00 GMT" {
		t.Fatalf("first answer: %d, ETag %q, Last-Modified %q", first.Code, etag, first.Header().Get("Last-Modified"))
	}
	tests := []struct {
		target string
		status int
		body   bool
	}{
		{"/found", http.StatusNotModified, false},
		{"/missing", http.StatusNotFound, true},
		{"/moved", http.StatusSeeOther, false},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(e, tt.target, "If-None-Match", etag)
			if rec.Code != tt.status || (rec.Body.Len() > 0) != tt.body {
				t.Errorf("status %d, %d bytes; want %d, body %v", rec.Code, rec.Body.Len(), tt.status, tt.body)
			}
			if tt.status == http.StatusNotFound && (rec.Header().Get("ETag") != "" || rec.Header().Get("Cache-Control") != "no-store") {
				t.Errorf("a %d carries the validator %q, Cache-Control %q", rec.Code, rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
			}
		})
	}
	// A URL that answered 200 at this version is 304 without its handler:
	// a browser's revalidation costs no query and no rendering.
	runs, revalidated = 0, 0
	for range 3 {
		if rec := get(e, "/found", "If-None-Match", etag); rec.Code != http.StatusNotModified {
			t.Fatalf("/found again: %d", rec.Code)
		}
	}
	if runs != 0 || revalidated != 3 {
		t.Errorf("the handler of a page known to exist ran %d times for 304s, Revalidated %d times; want 0 and 3", runs, revalidated)
	}
	if rec := get(e, "/missing", "If-None-Match", etag); rec.Code != http.StatusNotFound {
		t.Errorf("/missing a second time: %d, want 404", rec.Code)
	}
}

// TestPublicCacheControl: an anonymous answer is public for s-maxage and
// varies with the cookie and the language; a signed-in visitor's, or one
// with credentials, is private and carries no validator, even when it
// matches.
func TestPublicCacheControl(t *testing.T) {
	revalidated := 0
	e := newSite(&fixedVersion{version: 1, since: time.Now()}, &revalidated)
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "page") })
	anonymous := get(e, "/")
	etag := anonymous.Header().Get("ETag")
	if cc := anonymous.Header().Get("Cache-Control"); cc != "public, max-age=0, s-maxage=10, stale-if-error=600" || etag == "" {
		t.Errorf("anonymous: Cache-Control %q, ETag %q", cc, etag)
	}
	if vary := anonymous.Header().Get("Vary"); vary != "Cookie, Accept-Language" {
		t.Errorf("Vary = %q", vary)
	}
	for _, header := range [][]string{{"Signed-In", "yes"}, {"Authorization", "Bearer x"}} {
		rec := get(e, "/", append(header, "If-None-Match", etag)...)
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "private, no-store" || rec.Header().Get("ETag") != "" {
			t.Errorf("%s: %d, Cache-Control %q, ETag %q; want 200, private, no-store, no validator",
				header[0], rec.Code, rec.Header().Get("Cache-Control"), rec.Header().Get("ETag"))
		}
	}
}

// TestNotModified: RFC 9110's conditional GET, If-None-Match (weak
// comparison) before If-Modified-Since.
func TestNotModified(t *testing.T) {
	since := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	const etag = `W/"7-en-boot"`
	tests := []struct {
		name   string
		header []string
		want   bool
	}{
		{"none", nil, false},
		{"matching", []string{"If-None-Match", etag}, true},
		{"in a list", []string{"If-None-Match", `W/"other", ` + etag}, true},
		{"strong form", []string{"If-None-Match", strings.TrimPrefix(etag, "W/")}, true},
		{"any", []string{"If-None-Match", "*"}, true},
		{"other", []string{"If-None-Match", `W/"other"`}, false},
		{"unmodified since", []string{"If-Modified-Since", "Mon, 02 Mar 2026 10:00:00 GMT"}, true},
		{"modified since", []string{"If-Modified-Since", "Mon, 02 Mar 2026 09:59:59 GMT"}, false},
		{"unreadable date", []string{"If-Modified-Since", "yesterday"}, false},
		{"If-None-Match first", []string{"If-None-Match", `W/"other"`, "If-Modified-Since", "Mon, 02 Mar 2026 10:00:00 GMT"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notModified(request("/", tt.header...), etag, since); got != tt.want {
				t.Errorf("notModified = %v, want %v", got, tt.want)
			}
		})
	}
}
