package web

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

// defaultTrendLines is how many administrations /trends draws when none is chosen.
const defaultTrendLines = 5

type trendsPage struct {
	page
	Code        string
	Label       string
	Empty       bool
	Default     bool
	MeasureOpts []option
	GroupOpts   []option
	OrgOpts     []option
	Panel       panel
}

// trends is GET /trends?indicator=CODE[&organisation=O...][&group=G]: one line
// per chosen administration over the years, with the median of the scope.
func (s *Server) trends(c echo.Context) error {
	return s.cached(c, "trends", []string{"indicator", "group", "organisation"}, func(ctx context.Context, l Locale) (any, error) {
		return s.buildTrends(ctx, c, l)
	})
}

func (s *Server) buildTrends(ctx context.Context, c echo.Context, l Locale) (any, error) {
	q, in := c.QueryParams(), s.params()
	m, err := measureParam(s.ref(), q)
	if err != nil {
		return nil, err
	}
	if m.Breakdown != "" {
		return nil, domain.Errorf(domain.ENOTFOUND, "error.indicator_is_breakdown", m.Code)
	}
	sc, err := in.Scope(q)
	if err != nil {
		return nil, err
	}
	chosen, err := in.Organisations(q["organisation"])
	if err != nil {
		return nil, err
	}
	// Here ?organisation= chooses lines; only the group narrows the scope.
	sc.Organisation = ""
	years, err := s.st.DashboardYears(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: trends: %w", err)
	}
	label := m.Label(s.ref(), l.p)
	p := trendsPage{page: s.base(c, l, "trends", l.T("trends.title")+" – "+label), Code: m.Code, Label: label,
		Empty: len(years) == 0, Default: len(chosen) == 0, MeasureOpts: measureOptions(s.ref(), l, m.Code, false)}
	if p.Empty {
		p.GroupOpts, p.OrgOpts = scopeOptions(s.ref(), l, sc)
		return p, nil
	}
	if len(chosen) == 0 {
		if chosen, err = s.largest(ctx, sc, years[len(years)-1]); err != nil {
			return nil, err
		}
	}
	p.GroupOpts, p.OrgOpts = scopeOptions(s.ref(), l, sc)
	for i := range p.OrgOpts {
		p.OrgOpts[i].Selected = slices.Contains(chosen, p.OrgOpts[i].Value)
	}
	obs, err := s.st.DashboardTrends(ctx, sc, m.Terms)
	if err != nil {
		return nil, fmt.Errorf("web: trends: %w", err)
	}
	values := figures.ByOrgYear(obs)
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: trends: %w", err)
	}
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = strconv.Itoa(y)
	}
	var lines []dashboards.Series
	for _, code := range chosen {
		o, _ := s.ref().Organisation(code)
		ser := dashboards.Series{Name: o.Name.In(l.Lang)}
		for _, y := range years {
			ser.Values = append(ser.Values, m.Of(values[orgYear{Org: code, Year: y}]))
		}
		if m.Rate != nil && m.Rate.PerActivity() {
			ser.Name += " (" + figures.ActivityUnit(l.p, settings, code) + ")"
		}
		lines = append(lines, ser)
	}
	// The median leaves out rates on small numbers.
	med := dashboards.Series{Name: l.T("table.median"), Reference: true}
	for _, y := range years {
		var vs []float64
		for _, o := range figures.InScope(s.ref(), sc) {
			if r := m.Result(values[orgYear{Org: o.Code, Year: y}], settings.SmallN); !r.SmallN {
				vs = append(vs, r.Value)
			}
		}
		med.Values = append(med.Values, rates.Median(vs))
	}
	lines = append(lines, med)
	chart, err := dashboards.Trend(figures.Spec(l.p, "trends-chart", label, m.Unit, labels), lines)
	if err != nil {
		return nil, fmt.Errorf("web: trends: %w", err)
	}
	t := figures.SeriesTable(l.p, labels, lines, chosen, string(m.Unit))
	if m.Rate != nil {
		for i, code := range chosen {
			figures.MarkSmall(l.p, &t.Rows[i], m, years, settings, func(y int) map[string]float64 { return values[orgYear{Org: code, Year: y}] })
		}
	}
	p.Panel = newPanel(l, label, chart, t, extractQuery{Years: years, Organisations: chosen, Indicators: m.Terms})
	return p, nil
}

// largest returns the administrations in scope that received the most
// complaints in year, at most defaultTrendLines.
func (s *Server) largest(ctx context.Context, sc store.Scope, year int) ([]string, error) {
	obs, err := s.st.DashboardTrends(ctx, sc, []string{"received"})
	if err != nil {
		return nil, fmt.Errorf("web: trends: %w", err)
	}
	var latest []domain.Observation
	for _, o := range obs {
		if o.Year == year {
			latest = append(latest, o)
		}
	}
	sort.SliceStable(latest, func(i, j int) bool { return latest[i].Value > latest[j].Value })
	var out []string
	for _, o := range latest[:min(len(latest), defaultTrendLines)] {
		out = append(out, o.Organisation)
	}
	return out, nil
}
