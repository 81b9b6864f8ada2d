package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/report"
)

// page is what every template's layout needs.
type page struct {
	Locale
	Title     string
	Nav       string // the active section of the header
	Path      string // current path with its query, for forms and links
	LangLinks []langLink
	Version   string
	Viewer    *viewer // nil when anonymous; the header shows the account's links
}

// langLink is the report's, so that the site and the report link alike.
type langLink = report.LangLink

var languageNames = map[string]string{"nl": "Nederlands", "fr": "Français", "en": "English"}

func (s *Server) base(c echo.Context, l Locale, nav, title string) page {
	u := *c.Request().URL
	p := page{Locale: l, Title: title, Nav: nav, Path: u.RequestURI(), Version: s.cfg.Version, Viewer: viewerOf(c)}
	for _, lang := range locale.Languages() {
		q := u.Query()
		q.Set("lang", lang)
		u.RawQuery = q.Encode()
		p.LangLinks = append(p.LangLinks, langLink{Lang: lang, Name: languageNames[lang], URL: u.RequestURI(), Current: lang == l.Lang})
	}
	return p
}

// render executes a page template into a buffer first, so that a template
// error becomes an error page rather than half a page.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	body, err := s.execute(name, data)
	if err != nil {
		return err
	}
	return c.HTMLBlob(status, body)
}

func (s *Server) execute(name string, data any) ([]byte, error) {
	page, ok := s.pages[name]
	if !ok {
		return nil, fmt.Errorf("web: no template %s", name)
	}
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// builder computes the data of a page; it runs only on a cache miss.
type builder func(ctx context.Context, l Locale) (any, error)

// cached answers a page from the cache of the current data version, or
// builds, renders and keeps it. The key is the language and the values of
// params, the parameters the page reads, sorted, so equivalent URLs share an
// entry and other parameters cannot add entries; signed-in visitors get
// their own entries. The request's URL keeps params alone (and lang), as
// the page's links repeat it.
func (s *Server) cached(c echo.Context, name string, params []string, build builder) error {
	ctx := c.Request().Context()
	l := newLocale(resolveLanguage(c, s.cfg.SecureCookies))
	version, err := s.version.Get(ctx)
	if err != nil {
		return fmt.Errorf("web: %s: %w", name, err)
	}
	u := c.Request().URL
	kept := url.Values{}
	for k, values := range u.Query() {
		if k == "lang" || slices.Contains(params, k) {
			kept[k] = values
		}
	}
	u.RawQuery = kept.Encode()
	key := l.Lang + " " + u.Path + "?" + canonicalQuery(kept)
	if v := viewerOf(c); v != nil {
		// The header carries the account and its session's CSRF token.
		key = v.SessionHash + " " + key
	}
	if body, ok := s.cache.Get(version, key); ok {
		return c.HTMLBlob(http.StatusOK, body)
	}
	data, err := build(ctx, l)
	if err != nil {
		return err
	}
	body, err := s.execute(name, data)
	if err != nil {
		return err
	}
	s.cache.Put(version, key, body)
	return c.HTMLBlob(http.StatusOK, body)
}

func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "lang" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v) + "&")
		}
	}
	return b.String()
}
