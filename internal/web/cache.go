package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// pageCache keeps rendered pages for one data version: any write to the
// database changes the version and empties the cache. It is bounded in
// pages and in bytes (a PDF report weighs megabytes): when full, the pages
// kept longest go first, and a page larger than the whole bound is not kept.
type pageCache struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	version  int64
	pages    map[string][]byte
	order    []string // the keys of pages, oldest first
	bytes    int      // the sum of the pages' lengths
}

func newPageCache(max, maxBytes int) *pageCache {
	return &pageCache{max: max, maxBytes: maxBytes, pages: map[string][]byte{}}
}

func (c *pageCache) get(version int64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	b, ok := c.pages[key]
	return b, ok
}

func (c *pageCache) put(version int64, key string, page []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.version, c.pages, c.order, c.bytes = version, map[string][]byte{}, nil, 0
	}
	if len(page) > c.maxBytes {
		return
	}
	if old, ok := c.pages[key]; ok { // two requests built the same page
		c.bytes -= len(old)
		c.order = slices.DeleteFunc(c.order, func(k string) bool { return k == key })
	}
	for len(c.order) > 0 && (len(c.order) >= c.max || c.bytes+len(page) > c.maxBytes) {
		c.bytes -= len(c.pages[c.order[0]])
		delete(c.pages, c.order[0])
		c.order = c.order[1:]
	}
	c.pages[key] = page
	c.order = append(c.order, key)
	c.bytes += len(page)
}

// flights merges identical work under way: who asks for a key while its
// work runs waits for that work's result rather than doing it again (a
// burst of requests for one PDF prints it once).
type flights struct {
	mu     sync.Mutex
	flying map[string]*flight
}

type flight struct {
	done chan struct{}
	body []byte
	err  error
}

func (f *flights) do(key string, work func() ([]byte, error)) ([]byte, error) {
	f.mu.Lock()
	if fl, ok := f.flying[key]; ok {
		f.mu.Unlock()
		<-fl.done
		return fl.body, fl.err
	}
	if f.flying == nil {
		f.flying = map[string]*flight{}
	}
	// The error stays if work panics: the waiters must not take an
	// empty body for the answer.
	fl := &flight{done: make(chan struct{}), err: errors.New("web: shared work did not finish")}
	f.flying[key] = fl
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.flying, key)
		f.mu.Unlock()
		close(fl.done)
	}()
	fl.body, fl.err = work()
	return fl.body, fl.err
}

// versionMemo asks the store for its data version at most once per ttl.
// Asking costs a database query, which under load costs more than serving a
// cached page; the price is that a new submission shows up to ttl late.
// It also remembers since when the version holds, the Last-Modified of the
// public answers.
type versionMemo struct {
	ttl   time.Duration
	fetch func(context.Context) (int64, error)

	mu      sync.Mutex // held while fetching, so one caller asks for all
	version int64
	since   time.Time // when this process first saw version, to the second
	fetched time.Time
}

func (m *versionMemo) get(ctx context.Context) (int64, error) {
	v, _, err := m.state(ctx)
	return v, err
}

// state returns the data version and since when it holds.
func (m *versionMemo) state(ctx context.Context) (int64, time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ttl >= 0 && !m.fetched.IsZero() && time.Since(m.fetched) < m.ttl {
		return m.version, m.since, nil
	}
	v, err := m.fetch(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	now := time.Now()
	if m.since.IsZero() || v != m.version {
		// HTTP dates count whole seconds: a second change within the same
		// second must still move Last-Modified forward.
		since := now.UTC().Truncate(time.Second)
		if !m.since.IsZero() && !since.After(m.since) {
			since = m.since.Add(time.Second)
		}
		m.since = since
	}
	m.version, m.fetched = v, now
	return v, m.since, nil
}

// forget makes the next get ask the database: after an approval or a
// return, the coordinator must see the new figures at once.
func (m *versionMemo) forget() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fetched = time.Time{}
}

// publicCaching lets browsers and shared caches (a reverse proxy) keep the
// public answers, pages and GET /api/v1/*, for as long as the data version
// holds. Anonymous answers carry a validator made of the data version and
// the language (ETag) and the time the version appeared (Last-Modified); a
// conditional request that matches is answered 304 when the page exists
// (see validated). Signed-in visitors' pages carry their account and CSRF
// token, and a request with credentials is its account's, even where the
// site ignores them: no cache may keep them.
func (s *Server) publicCaching(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		// The language comes from ?lang= (in the URL), the lang cookie or
		// Accept-Language; the session cookie decides anonymous or not.
		h.Add(echo.HeaderVary, "Cookie, Accept-Language")
		if viewerOf(c) != nil || c.Request().Header.Get(echo.HeaderAuthorization) != "" {
			h.Set(echo.HeaderCacheControl, "private, no-store")
			return next(c)
		}
		version, since, err := s.version.state(c.Request().Context())
		if err != nil {
			return err
		}
		etag := `W/"` + strconv.FormatUint(uint64(version), 36) + "-" + languageOf(c) + "-" + s.boot + `"`
		h.Set(echo.HeaderCacheControl, s.publicCacheControl)
		h.Set("ETag", etag)
		h.Set(echo.HeaderLastModified, since.Format(http.TimeFormat))
		found := c.Request().RequestURI + " " + languageOf(c)
		switch {
		case notModified(c.Request(), etag, since) && s.found.has(version, found):
			// This URL answered 200 at this version: nothing to query or
			// render. ?lang= is remembered in a cookie, also when the
			// browser already holds the page.
			resolveLanguage(c, s.cfg.SecureCookies)
			return c.NoContent(http.StatusNotModified)
		case notModified(c.Request(), etag, since):
			err = validated(c, next)
		default:
			err = next(c)
		}
		if err == nil && (c.Response().Status == http.StatusOK || c.Response().Status == http.StatusNotModified) {
			s.found.add(version, found)
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
