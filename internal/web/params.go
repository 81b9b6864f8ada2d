package web

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

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

// inScope lists the organisations of the catalogue a scope covers in some
// year: a group's present and past members.
func inScope(ref *reference.Catalogue, sc store.Scope) []reference.Organisation {
	var out []reference.Organisation
	for _, o := range ref.Organisations {
		member := slices.ContainsFunc(o.Groups, func(m reference.Membership) bool { return m.Group == sc.Group })
		if (sc.Group == "" || member) && (sc.Organisation == "" || o.Code == sc.Organisation) {
			out = append(out, o)
		}
	}
	return out
}

// dueInScope lists the administrations of a scope that must report for
// year: active in that year, and in the group that year.
func dueInScope(ref *reference.Catalogue, sc store.Scope, year int) []reference.Organisation {
	due := reference.MustReport(ref.Organisations, year, sc.Group)
	if sc.Organisation != "" {
		due = slices.DeleteFunc(due, func(o reference.Organisation) bool { return o.Code != sc.Organisation })
	}
	return due
}

// membershipChanges describes how a group's members differ from one year
// to the next over years ("2023: +FIN −JUST"); nil when they never do.
func membershipChanges(ref *reference.Catalogue, group string, years []int) []string {
	members := func(y int) map[string]bool {
		out := map[string]bool{}
		for _, o := range dueInScope(ref, store.Scope{Group: group}, y) {
			out[o.Code] = true
		}
		return out
	}
	var out []string
	for i := 1; i < len(years); i++ {
		before, now := members(years[i-1]), members(years[i])
		var change []string
		for _, o := range ref.Organisations {
			switch {
			case now[o.Code] && !before[o.Code]:
				change = append(change, "+"+o.Code)
			case before[o.Code] && !now[o.Code]:
				change = append(change, "−"+o.Code)
			}
		}
		if len(change) > 0 {
			out = append(out, fmt.Sprintf("%d: %s", years[i], strings.Join(change, " ")))
		}
	}
	return out
}
