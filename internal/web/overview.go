package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/labstack/echo/v4"
)

type overviewPage struct {
	page
	Year          int
	Empty         bool
	YearOpts      []option
	GroupOpts     []option
	OrgOpts       []option
	Tiles         []tile
	Reported      string
	OnTime        string // "reported on time: 48 of 62" when the year had a round
	Missing       []orgLink
	Trend         panel
	GroupSelected bool
	// Membership says how the group's members change over the trend's
	// years, so that its totals are not read as like for like.
	Membership []string
}

// tile is one "fast fact": this year's value beside the previous year's.
type tile struct {
	Label    string
	Value    string
	Previous string
}

// tileMeasures are the fast facts of the overview, in order.
var tileMeasures = []string{"received", "admissible_share", "founded_share", "ack_on_time_share", "closed_on_time_share"}

// trendIndicators are the network totals drawn over the years.
var trendIndicators = []string{"received", "admissible", "closed"}

// overview is GET /: the network (or a group, or one administration) for a year.
func (s *Server) overview(c echo.Context) error {
	return s.cached(c, "overview", []string{"year", "group", "organisation"}, func(ctx context.Context, l Locale) (any, error) {
		return s.buildOverview(ctx, c, l)
	})
}

func (s *Server) buildOverview(ctx context.Context, c echo.Context, l Locale) (any, error) {
	ps, err := s.pageScope(ctx, c)
	if err != nil {
		return nil, err
	}
	years, year, sc := ps.Years, ps.Year, ps.Scope
	p := overviewPage{page: s.base(c, l, "overview", l.T("overview.title")), Year: year, Empty: len(years) == 0,
		YearOpts: yearOptions(years, year), GroupSelected: sc.Group != ""}
	p.GroupOpts, p.OrgOpts = scopeOptions(s.ref(), l, sc)
	if p.Empty {
		return p, nil
	}
	obs, err := s.st.DashboardNetwork(ctx, sc)
	if err != nil {
		return nil, fmt.Errorf("web: overview: %w", err)
	}
	values := figures.ByOrgYear(obs)
	for _, code := range tileMeasures {
		m, _ := figures.Find(s.ref(), code)
		p.Tiles = append(p.Tiles, tile{
			Label:    l.T("tile." + code),
			Value:    l.Value(figures.Pooled(m, figures.YearValues(values, year)), string(m.Unit)),
			Previous: fmt.Sprintf(l.T("tile.previous"), year-1, l.Value(figures.Pooled(m, figures.YearValues(values, year-1)), string(m.Unit))),
		})
	}
	p.Tiles = append(p.Tiles, tile{
		Label:    l.T("tile.median_avg_days"),
		Value:    l.Value(figures.MedianOf("avg_days", figures.YearValues(values, year)), "days"),
		Previous: fmt.Sprintf(l.T("tile.previous"), year-1, l.Value(figures.MedianOf("avg_days", figures.YearValues(values, year-1)), "days")),
	})

	scope := figures.DueInScope(s.ref(), sc, year)
	reporters := 0
	for _, o := range scope {
		if _, ok := values[orgYear{Org: o.Code, Year: year}]; ok {
			reporters++
			continue
		}
		p.Missing = append(p.Missing, orgLink{Code: o.Code, Name: o.Name.In(l.Lang)})
	}
	p.Reported = fmt.Sprintf(l.T("overview.reported"), reporters, len(scope), year)
	if p.OnTime, err = s.onTimeSummary(ctx, l, sc, year); err != nil {
		return nil, err
	}
	p.Trend, err = s.overviewTrend(l, sc, values, years)
	if err != nil {
		return nil, err
	}
	if sc.Group != "" {
		p.Membership = figures.MembershipChanges(s.ref(), sc.Group, years)
	}
	return p, nil
}

// onTimeSummary is "reported on time: 48 of 62" for the administrations of
// the scope expected in the round of year, as the round page counts them;
// empty when no round was opened for year. It moves only when a submission
// arrives, as the page's validator does.
func (s *Server) onTimeSummary(ctx context.Context, l Locale, sc store.Scope, year int) (string, error) {
	r, err := s.st.Round(ctx, year)
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.ENOTFOUND {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("web: overview round: %w", err)
	}
	entries, err := s.st.RoundEntries(ctx, year)
	if err != nil {
		return "", fmt.Errorf("web: overview round: %w", err)
	}
	now := s.clock.Now()
	expected, onTime := 0, 0
	for _, e := range entries {
		o, ok := s.ref().Organisation(e.Organisation)
		if !ok || (sc.Group != "" && o.GroupIn(year) != sc.Group) || (sc.Organisation != "" && o.Code != sc.Organisation) {
			continue
		}
		expected++
		if r.Timeliness(e, now).Punctuality() == domain.PunctualOnTime {
			onTime++
		}
	}
	if expected == 0 {
		return "", nil
	}
	return l.T("round.on_time_of", onTime, expected), nil
}

// overviewTrend draws the totals of trendIndicators over all years, with a
// table adding the shares and the number of reporting administrations.
func (s *Server) overviewTrend(l Locale, sc store.Scope, values map[orgYear]map[string]float64, years []int) (panel, error) {
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = strconv.Itoa(y)
	}
	var lines []dashboards.Series
	for _, code := range trendIndicators {
		m, _ := figures.Find(s.ref(), code)
		ser := dashboards.Series{Name: m.Label(s.ref(), l.p)}
		for _, y := range years {
			ser.Values = append(ser.Values, figures.Pooled(m, figures.YearValues(values, y)))
		}
		lines = append(lines, ser)
	}
	title := l.T("overview.trend")
	chart, err := dashboards.Trend(figures.Spec(l.p, "overview-trend", title, dashboards.UnitCount, labels), lines)
	if err != nil {
		return panel{}, fmt.Errorf("web: overview trend: %w", err)
	}
	t := table{Head: []string{l.T("table.year"), l.T("table.reporters")}}
	for _, ser := range lines {
		t.Head = append(t.Head, ser.Name)
	}
	for i, y := range years {
		reporters := 0
		for _, o := range figures.DueInScope(s.ref(), sc, y) {
			if _, ok := values[orgYear{Org: o.Code, Year: y}]; ok {
				reporters++
			}
		}
		row := tableRow{Label: labels[i], Link: "/?" + scopeQuery(sc, y), Cells: []string{strconv.Itoa(reporters)}}
		for _, ser := range lines {
			row.Cells = append(row.Cells, l.Value(ser.Values[i], "count"))
		}
		t.Rows = append(t.Rows, row)
	}
	return newPanel(l, title, chart, t, extractQuery{Years: years, Organisations: figures.ScopeOrganisations(s.ref(), sc), Indicators: trendIndicators}), nil
}

// scopeQuery is the query of the overview of one year in the same scope.
func scopeQuery(sc store.Scope, year int) string {
	q := url.Values{"year": {strconv.Itoa(year)}}
	if sc.Group != "" {
		q.Set("group", sc.Group)
	}
	if sc.Organisation != "" {
		q.Set("organisation", sc.Organisation)
	}
	return q.Encode()
}
