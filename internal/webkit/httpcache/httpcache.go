// Package httpcache lets browsers and shared caches (a reverse proxy) keep
// the public answers for as long as the data version holds: validators
// (ETag, Last-Modified), conditional requests answered 304, and
// Cache-Control.
package httpcache

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// Versions tells the data version and since when it holds, to the second.
type Versions interface {
	State(ctx context.Context) (int64, time.Time, error)
}

// Config is what the public caching needs of the site.
type Config struct {
	Versions Versions
	// Boot is part of every ETag: a new binary may render the same data
	// differently, so validators of an earlier process never match.
	Boot string
	// SharedMaxAge is how long a shared cache may serve an answer without
	// asking again (s-maxage).
	SharedMaxAge time.Duration
	// SignedIn tells whether the request is a signed-in visitor's.
	SignedIn func(echo.Context) bool
	// Language is the request's language, part of the ETag.
	Language func(echo.Context) string
	// Revalidated runs before a 304 answered without the handler.
	Revalidated func(echo.Context)
}

// Public is the middleware of the public answers (see public).
func Public(cfg Config) echo.MiddlewareFunc {
	p := &public{cfg: cfg, found: &foundURLs{max: 4096},
		cacheControl: fmt.Sprintf("public, max-age=0, s-maxage=%d, stale-if-error=600", int(cfg.SharedMaxAge.Seconds()))}
	return p.handle
}

// public holds what the public caching remembers between requests.
type public struct {
	cfg          Config
	found        *foundURLs
	cacheControl string
}

// handle lets browsers and shared caches (a reverse proxy) keep the
// public answers, pages and GET /api/v1/*, for as long as the data version
// holds. Anonymous answers carry a validator made of the data version and
// the language (ETag) and the time the version appeared (Last-Modified); a
// conditional request that matches is answered 304 when the page exists
// (see validated). Signed-in visitors' pages carry their account and CSRF
// token, and a request with credentials is its account's, even where the
// site ignores them: no cache may keep them.
func (p *public) handle(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		// The language comes from ?lang= (in the URL), the lang cookie or
		// Accept-Language; the session cookie decides anonymous or not.
		h.Add(echo.HeaderVary, "Cookie, Accept-Language")
		if p.cfg.SignedIn(c) || c.Request().Header.Get(echo.HeaderAuthorization) != "" {
			h.Set(echo.HeaderCacheControl, "private, no-store")
			return next(c)
		}
		version, since, err := p.cfg.Versions.State(c.Request().Context())
		if err != nil {
			return err
		}
		lang := p.cfg.Language(c)
		etag := `W/"` + strconv.FormatUint(uint64(version), 36) + "-" + lang + "-" + p.cfg.Boot + `"`
		h.Set(echo.HeaderCacheControl, p.cacheControl)
		h.Set("ETag", etag)
		h.Set(echo.HeaderLastModified, since.Format(http.TimeFormat))
		found := c.Request().RequestURI + " " + lang
		unchanged := notModified(c.Request(), etag, since)
		switch {
		case unchanged && p.found.has(version, found):
			// This URL answered 200 at this version: nothing to query or
			// render.
			p.cfg.Revalidated(c)
			return c.NoContent(http.StatusNotModified)
		case unchanged:
			err = validated(c, next)
		default:
			err = next(c)
		}
		if err == nil && (c.Response().Status == http.StatusOK || c.Response().Status == http.StatusNotModified) {
			p.found.add(version, found)
		}
		if err != nil {
			// An error page is no version of the resource.
			h.Del("ETag")
			h.Del(echo.HeaderLastModified)
			h.Set(echo.HeaderCacheControl, "no-store")
			return err
		}
		return nil
	}
}

// foundURLs remembers which URLs answered 200 at the current data version,
// so that a conditional request for one of them is answered 304 without
// running its handler (the validator is the same for every URL; only a page
// that exists may be 304). It forgets everything when the version moves or
// when it holds max URLs, so junk query strings cannot grow it.
type foundURLs struct {
	max int

	mu      sync.Mutex
	version int64
	urls    map[string]struct{}
}

func (f *foundURLs) has(version int64, url string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.urls[url]
	return ok && f.version == version
}

func (f *foundURLs) add(version int64, url string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.urls == nil || f.version != version || len(f.urls) >= f.max {
		f.urls, f.version = map[string]struct{}{}, version
	}
	f.urls[url] = struct{}{}
}

// validated answers a conditional request whose validator matches: 304 if
// the page exists, else what the handler answers. The validator is the data
// version's, the same for every URL, so only the handler knows whether the
// path and the parameters name a page (a 404 must stay a 404). It runs with
// its body dropped; it mostly answers from the page cache.
func validated(c echo.Context, next echo.HandlerFunc) error {
	res := c.Response()
	w := res.Writer
	probe := &okProbe{ResponseWriter: w}
	res.Writer = probe
	err := next(c)
	res.Writer = w
	if err != nil || probe.status != http.StatusOK {
		return err
	}
	res.Committed, res.Size = false, 0
	res.Header().Del(echo.HeaderContentLength)
	return c.NoContent(http.StatusNotModified)
}

// okProbe drops an answer 200, which becomes 304, and passes any other on.
type okProbe struct {
	http.ResponseWriter
	status int
}

func (p *okProbe) WriteHeader(code int) {
	p.status = code
	if code != http.StatusOK {
		p.ResponseWriter.WriteHeader(code)
	}
}

func (p *okProbe) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.WriteHeader(http.StatusOK)
	}
	if p.status == http.StatusOK {
		return len(b), nil
	}
	return p.ResponseWriter.Write(b)
}

// Flush sends nothing of an answer 200: the headers would go out as 200.
func (p *okProbe) Flush() {
	if p.status != http.StatusOK {
		http.NewResponseController(p.ResponseWriter).Flush()
	}
}

// notModified applies RFC 9110's conditional GET: If-None-Match when
// present (weak comparison), else If-Modified-Since.
func notModified(r *http.Request, etag string, since time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !since.After(t)
	}
	return false
}
