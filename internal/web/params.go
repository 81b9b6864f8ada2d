package web

import (
	"context"
	"fmt"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/param"
)

// params reads the parameters of a request against the catalogue as it is
// now.
func (s *Server) params() param.Reader { return param.New(s.ref()) }

// pathID reads the :id parameter.
func pathID(c echo.Context) (int64, error) { return param.ID("id", c.Param("id")) }

// measureParam reads ?indicator= as a measure of the pages, defaulting to
// complaints received.
func measureParam(ref *reference.Catalogue, q url.Values) (measure, error) {
	code := q.Get("indicator")
	if code == "" {
		code = "received"
	}
	m, ok := figures.Find(ref, code)
	if !ok {
		return measure{}, domain.Errorf(domain.ENOTFOUND, "error.unknown_indicator", code)
	}
	return m, nil
}

// yearScope is what the pages of one year read first: the years with
// published figures, the year asked (the latest by default) and the scope.
type yearScope struct {
	Years []int
	Year  int
	Scope store.Scope
}

// pageScope reads the year and the scope of a public page.
func (s *Server) pageScope(ctx context.Context, c echo.Context) (yearScope, error) {
	years, err := s.st.DashboardYears(ctx)
	if err != nil {
		return yearScope{}, fmt.Errorf("web: published years: %w", err)
	}
	p, q := s.params(), c.QueryParams()
	year, err := p.PublishedYear(q, years)
	if err != nil {
		return yearScope{}, err
	}
	sc, err := p.Scope(q)
	if err != nil {
		return yearScope{}, err
	}
	return yearScope{Years: years, Year: year, Scope: sc}, nil
}

// groups lists the codes of the groups of the catalogue.
func groups(ref *reference.Catalogue) []string {
	out := make([]string, len(ref.Groups))
	for i, g := range ref.Groups {
		out[i] = g.Code
	}
	return out
}

// groupName is the name of a group in lang, or its code if it is unknown.
func groupName(ref *reference.Catalogue, code, lang string) string {
	if g, ok := ref.Group(code); ok {
		return g.Name.In(lang)
	}
	return code
}
