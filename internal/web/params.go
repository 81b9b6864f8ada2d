package web

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// The parameters of requests (query, path and form values) are read by
// one set of rules: a malformed value is EINVALID (400) naming the
// parameter, a well-formed one that names nothing is ENOTFOUND (404).

// params reads the parameters of one request against the catalogue.
type params struct {
	ref *reference.Catalogue
}

func (s *Server) params() params { return params{ref: s.ref()} }

// year reads raw, the value of parameter name, as a year from
// domain.FirstYear to domain.LastYear.
func (p params) year(name, raw string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || y < domain.FirstYear || y > domain.LastYear {
		return 0, domain.Errorf(domain.EINVALID, "error.param_year", name, raw, domain.FirstYear, domain.LastYear)
	}
	return y, nil
}

// yearOr is year, with fallback for an empty value.
func (p params) yearOr(name, raw string, fallback int) (int, error) {
	if strings.TrimSpace(raw) == "" {
		return fallback, nil
	}
	return p.year(name, raw)
}

// yearOrEvery is year, with 0 (every year, as a target may be) for an
// empty value or 0.
func (p params) yearOrEvery(name, raw string) (int, error) {
	if r := strings.TrimSpace(raw); r == "" || r == "0" {
		return 0, nil
	}
	return p.year(name, raw)
}

// years reads a repeatable year parameter.
func (p params) years(name string, raws []string) ([]int, error) {
	out := make([]int, 0, len(raws))
	for _, raw := range raws {
		y, err := p.year(name, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, nil
}

// publishedYear reads ?year= among the years with published figures:
// absent gives the latest of them (0 when there is none), a year without
// published figures is not found.
func (p params) publishedYear(q url.Values, published []int) (int, error) {
	if q.Get("year") == "" {
		if len(published) == 0 {
			return 0, nil
		}
		return published[len(published)-1], nil
	}
	y, err := p.year("year", q.Get("year"))
	if err != nil {
		return 0, err
	}
	if !slices.Contains(published, y) {
		return 0, domain.Errorf(domain.ENOTFOUND, "error.no_published_figures", y)
	}
	return y, nil
}

// yearRange reads ?from= and ?to=: by default to is defaultTo and from
// span-1 years before it; from must not follow to, and the range spans at
// most maxSpan years.
func (p params) yearRange(q url.Values, defaultTo, span, maxSpan int) (int, int, error) {
	to, err := p.yearOr("to", q.Get("to"), defaultTo)
	if err != nil {
		return 0, 0, err
	}
	from, err := p.yearOr("from", q.Get("from"), to-span+1)
	if err != nil {
		return 0, 0, err
	}
	if from > to || to-from >= maxSpan {
		return 0, 0, domain.Errorf(domain.EINVALID, "error.years_span", maxSpan)
	}
	return from, to, nil
}

// group reads a group code: empty for none (the whole network), else a
// group of the catalogue.
func (p params) group(raw string) (string, error) {
	if raw != "" && !slices.Contains(groups(p.ref), raw) {
		return "", domain.Errorf(domain.ENOTFOUND, "error.unknown_group", raw)
	}
	return raw, nil
}

// organisation reads an organisation code: empty for none, else an
// organisation of the catalogue.
func (p params) organisation(raw string) (string, error) {
	if raw != "" {
		if _, ok := p.ref.Organisation(raw); !ok {
			return "", domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", raw)
		}
	}
	return raw, nil
}

// organisations reads a repeatable organisation parameter.
func (p params) organisations(raws []string) ([]string, error) {
	for _, raw := range raws {
		if _, err := p.organisation(raw); err != nil {
			return nil, err
		}
	}
	return raws, nil
}

// indicators reads a repeatable indicator parameter: codes of the
// catalogue.
func (p params) indicators(raws []string) ([]string, error) {
	for _, raw := range raws {
		if _, ok := p.ref.Indicator(raw); !ok {
			return nil, domain.Errorf(domain.ENOTFOUND, "error.unknown_indicator", raw)
		}
	}
	return raws, nil
}

// measure reads ?indicator= as a measure of the pages, defaulting to
// complaints received.
func (p params) measure(q url.Values) (measure, error) {
	code := q.Get("indicator")
	if code == "" {
		code = "received"
	}
	m, ok := findMeasure(p.ref, code)
	if !ok {
		return measure{}, domain.Errorf(domain.ENOTFOUND, "error.unknown_indicator", code)
	}
	return m, nil
}

// scope reads ?group= and ?organisation= (one of them at most, as the
// scope picker offers).
func (p params) scope(q url.Values) (store.Scope, error) {
	g, err := p.group(q.Get("group"))
	if err != nil {
		return store.Scope{}, err
	}
	o, err := p.organisation(q.Get("organisation"))
	if err != nil {
		return store.Scope{}, err
	}
	return store.Scope{Group: g, Organisation: o}, nil
}

// paramChoice reads raw, the value of parameter name, as one of choices (a
// status, a view); empty is allowed when choices has "".
func paramChoice(name, raw string, choices ...string) (string, error) {
	if slices.Contains(choices, raw) {
		return raw, nil
	}
	var offered domain.List
	for _, c := range choices {
		if c != "" {
			offered = append(offered, c)
		}
	}
	return "", domain.Errorf(domain.EINVALID, "error.param_choice", name, raw, offered)
}

// paramID reads raw, the value of parameter name, as the number of a record
// (a submission, an account, a message): a whole number from 1.
func paramID(name, raw string) (int64, error) {
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 1 {
		return 0, domain.Errorf(domain.EINVALID, "error.param_id", name, raw)
	}
	return n, nil
}

// pathID reads the :id parameter.
func pathID(c echo.Context) (int64, error) { return paramID("id", c.Param("id")) }

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
	year, err := p.publishedYear(q, years)
	if err != nil {
		return yearScope{}, err
	}
	sc, err := p.scope(q)
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
