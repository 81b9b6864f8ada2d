package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
)

// langCookie remembers the language a visitor chose with ?lang=.
const langCookie = "lang"

// Locale translates the interface texts (from internal/locale) and formats
// numbers for one language. Templates call its methods: {{.T "nav.compare"}},
// {{.Value 12.5 "percent"}}.
type Locale struct {
	Lang string
	p    *locale.Printer
}

func newLocale(lang string) Locale {
	p := locale.NewPrinter(lang)
	return Locale{Lang: p.Lang(), p: p}
}

// T returns the text for key, formatted with args; a missing key shows
// itself, so that tests and reviewers notice it.
func (l Locale) T(key string, args ...any) string { return l.p.T(key, args...) }

// N returns the plural form of key that fits n, formatted with args.
func (l Locale) N(key string, n int, args ...any) string { return l.p.N(key, n, args...) }

// Err renders a domain error's message in the locale's language.
func (l Locale) Err(de *domain.Error) string { return de.Text(l.p) }

// Number formats v with the given number of decimals (see
// locale.Printer.Number).
func (l Locale) Number(v float64, decimals int) string { return l.p.Number(v, decimals) }

// Value formats v in its unit.
func (l Locale) Value(v float64, unit string) string { return l.p.Value(v, unit) }

// Change formats a difference with its sign; percentages as points.
func (l Locale) Change(v float64, unit string) string { return l.p.Change(v, unit) }

// resolveLanguage picks the language of a request: ?lang= (then remembered
// in a cookie), else the cookie, else the browser's Accept-Language, else
// English.
func resolveLanguage(c echo.Context, secure bool) string {
	if q := c.QueryParam("lang"); locale.Supported(q) {
		c.SetCookie(&http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
		return q
	}
	return languageOf(c)
}

// languageOf is resolveLanguage without remembering ?lang=.
func languageOf(c echo.Context) string {
	if q := c.QueryParam("lang"); locale.Supported(q) {
		return q
	}
	if ck, err := c.Cookie(langCookie); err == nil && locale.Supported(ck.Value) {
		return ck.Value
	}
	return locale.Match(c.Request().Header.Get("Accept-Language"))
}
