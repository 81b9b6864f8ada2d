package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

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

// separators per language: thousands, decimal. The French thousands
// separator is a no-break space so that a number never wraps.
func (l Locale) separators() (string, string) {
	switch l.Lang {
	case "nl":
		return ".", ","
	case "fr":
		return "\u00a0", ","
	}
	return ",", "."
}

// Number formats v with the given number of decimals: 1.234,5 (nl),
// 1 234,5 (fr), 1,234.5 (en). NaN, a value not reported, is a dash.
func (l Locale) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	thousands, decimal := l.separators()
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// Value formats v in its unit: counts whole, days with one decimal,
// percentages with one decimal and a (no-break) percent sign.
func (l Locale) Value(v float64, unit string) string {
	switch unit {
	case "percent":
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "–"
		}
		return l.Number(v, 1) + "\u00a0%"
	case "days":
		return l.Number(v, 1)
	case "per_1000":
		return l.Number(v, 2)
	}
	if v == math.Trunc(v) {
		return l.Number(v, 0)
	}
	return l.Number(v, 1)
}

// Change formats a difference with its sign; percentages as points.
func (l Locale) Change(v float64, unit string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	sign := "+"
	if v < 0 {
		sign = ""
	}
	if unit == "percent" {
		return sign + l.Number(v, 1) + "\u00a0" + l.p.Decimal("unit.points", v, 1)
	}
	return sign + l.Value(v, unit)
}

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
