package web

import (
	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
)

// shownProblem is a problem as a page shows it, in the reader's language:
// the place, the value from the file between the language's quotation
// marks, the text and the hint.
type shownProblem struct {
	Place string
	Value string
	Text  string
	Hint  string
}

// Problems renders problems for a page in l's language, repeated ones
// grouped (domain.Group).
func (l Locale) Problems(ps []domain.Problem) []shownProblem {
	ps = domain.Group(ps)
	out := make([]shownProblem, len(ps))
	for i, p := range ps {
		out[i] = shownProblem{Place: p.Place.Text(l.p), Text: p.Text(l.p), Hint: p.HintText(l.p)}
		if p.Value != "" {
			out[i].Value = l.p.Quote(p.Value)
		}
		if p.Count > 1 {
			// The sentence names the column, the first value and how many more.
			out[i] = shownProblem{Text: p.Sentence(l.p)}
		}
	}
	return out
}

// Place renders a place in a file in l's language.
func (l Locale) Place(p domain.Place) string { return p.Text(l.p) }

// Localize fills the message (the whole sentence) and hint of problems in l's
// language, for the API; codes, arguments and places stay as data.
// Repeated problems are grouped (domain.Group), count says how many.
func (l Locale) Localize(ps []domain.Problem) []domain.Problem {
	return domain.Localize(domain.Group(ps), l.p)
}

// apiLocale is the language of an API answer: ?lang= when it names one of
// the platform's languages, else the Accept-Language header, else English.
// Unlike pages, nothing is remembered in a cookie.
func apiLocale(c echo.Context) Locale {
	if q := c.QueryParam("lang"); locale.Supported(q) {
		return newLocale(q)
	}
	return newLocale(locale.Match(c.Request().Header.Get("Accept-Language")))
}
