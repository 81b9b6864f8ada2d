package web

import (
	"context"
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/webkit/param"
)

// Views of /compare.
const (
	viewAbsolute = "absolute"
	viewChange   = "change"
)

type comparePage struct {
	page
	Year        int
	Code        string
	Label       string
	View        string
	Empty       bool
	Breakdown   bool
	YearOpts    []option
	MeasureOpts []option
	GroupOpts   []option
	OrgOpts     []option
	ViewOpts    []option
	Panel       panel
	Missing     []orgLink
}

// compare is GET /compare?indicator=CODE&year=YYYY[&view=change][&group=G|&organisation=O].
func (s *Server) compare(c echo.Context) error {
	return s.cached(c, "compare", []string{"indicator", "year", "view", "group", "organisation"}, func(ctx context.Context, l Locale) (any, error) {
		return s.buildCompare(ctx, c, l)
	})
}

func (s *Server) buildCompare(ctx context.Context, c echo.Context, l Locale) (any, error) {
	q := c.QueryParams()
	m, err := measureParam(s.ref(), q)
	if err != nil {
		return nil, err
	}
	ps, err := s.pageScope(ctx, c)
	if err != nil {
		return nil, err
	}
	years, year, sc := ps.Years, ps.Year, ps.Scope
	view, err := param.Choice("view", q.Get("view"), "", viewAbsolute, viewChange)
	if err != nil {
		return nil, err
	}
	if view == "" {
		view = viewAbsolute
	}
	label := m.Label(s.ref(), l.p)
	p := comparePage{
		page: s.base(c, l, "compare", l.T("compare.title")+" – "+label),
		Year: year, Code: m.Code, Label: label, View: view, Empty: len(years) == 0, Breakdown: m.Breakdown != "",
		YearOpts: yearOptions(years, year), MeasureOpts: measureOptions(s.ref(), l, m.Code, true),
		ViewOpts: []option{
			{Value: viewAbsolute, Label: l.T("compare.absolute"), Selected: view == viewAbsolute},
			{Value: viewChange, Label: l.T("compare.change"), Selected: view == viewChange},
		},
	}
	p.GroupOpts, p.OrgOpts = scopeOptions(s.ref(), l, sc)
	if p.Empty {
		return p, nil
	}
	obs, err := s.st.DashboardCompare(ctx, sc, year, m.Terms)
	if err != nil {
		return nil, fmt.Errorf("web: compare: %w", err)
	}
	scope := figures.InScope(s.ref(), sc)
	q2 := extractQuery{Years: []int{year - 1, year}, Organisations: figures.ScopeOrganisations(s.ref(), sc), Indicators: m.Terms}
	if m.Rate != nil {
		q2.Rates = []string{m.Code}
	}
	if m.Breakdown != "" {
		var fig figures.Figure
		fig, p.Missing, err = figures.Shares(s.ref(), l.p, m, label, year, scope, obs, q2)
		p.Panel = figurePanel(l, fig)
	} else {
		var f *figures.Fairness
		if f, err = s.fairnessOf(ctx, m, year); err != nil {
			return nil, err
		}
		var fig figures.Figure
		fig, p.Missing, err = figures.Ranked(l.p, m, label, year, view == viewChange, scope, figures.ByOrgYear(obs), q2, f, sc.Organisation != "")
		p.Panel = figurePanel(l, fig)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}
