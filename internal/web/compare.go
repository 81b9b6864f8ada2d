package web

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
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
	scope := inScope(s.ref(), sc)
	q2 := extractQuery{Years: []int{year - 1, year}, Organisations: scopeOrganisations(s.ref(), sc), Indicators: m.Terms}
	if m.Rate != nil {
		q2.Rates = []string{m.Code}
	}
	if m.Breakdown != "" {
		var fig figures.Figure
		fig, p.Missing, err = figures.Shares(s.ref(), l.p, m, label, year, scope, obs, q2)
		p.Panel = figurePanel(l, fig)
	} else {
		var f *fairness
		if f, err = s.fairnessOf(ctx, m, year); err != nil {
			return nil, err
		}
		p.Panel, p.Missing, err = s.compareRanked(l, m, label, year, view, scope, figures.ByOrgYear(obs), q2, f, sc.Organisation != "")
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

type ranked struct {
	org              reference.Organisation
	cur, prev, shown float64
	curRes, prevRes  rates.Result
}

// compareRanked sorts the administrations by the measure (or by its change)
// and draws them as bars with the median as a line. For a rate, f adds what
// fair comparison asks: a value on a small number is left out of the bars
// and the median and listed greyed with its n; each administration's size
// band and the median of its peers; the target as a line and its state.
func (s *Server) compareRanked(l Locale, m measure, label string, year int, view string, scope []reference.Organisation, values map[orgYear]map[string]float64, q extractQuery, f *fairness, single bool) (panel, []orgLink, error) {
	var rows, small []ranked
	var missing []orgLink
	smallN := 0.0
	if f != nil {
		smallN = f.settings.SmallN
	}
	for _, o := range scope {
		r := ranked{org: o, curRes: m.Result(values[orgYear{Org: o.Code, Year: year}], smallN), prevRes: m.Result(values[orgYear{Org: o.Code, Year: year - 1}], smallN)}
		r.cur, r.prev = r.curRes.Value, r.prevRes.Value
		r.shown = r.cur
		if view == viewChange {
			r.shown = r.cur - r.prev
		}
		if math.IsNaN(r.shown) {
			missing = append(missing, orgLink{Code: o.Code, Name: o.Name.In(l.Lang)})
			continue
		}
		if r.curRes.SmallN || (view == viewChange && r.prevRes.SmallN) {
			small = append(small, r)
			continue
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].shown > rows[j].shown })
	labels := make([]string, len(rows))
	shown := make([]float64, len(rows))
	for i, r := range rows {
		labels[i], shown[i] = r.org.Name.In(l.Lang), r.shown
	}
	med := rates.Median(shown)
	title := fmt.Sprintf("%s, %d", label, year)
	if view == viewChange {
		title = fmt.Sprintf("%s, %d–%d", label, year-1, year)
	}
	medianName := l.T("chart.median") + ": " + valueOrChange(l, med, m.Unit, view)
	var lines []dashboards.Line
	if f != nil && view == viewAbsolute {
		lines = f.targetLine(l, m.Unit)
		if single && len(scope) == 1 {
			if pm := f.peerMedian(scope[0].Code); !math.IsNaN(pm) {
				lines = append(lines, dashboards.Line{Name: l.T("fair.peer_median") + ": " + l.Value(pm, string(m.Unit)), Value: pm})
			}
		}
	}
	chart, err := dashboards.RankedWith(figures.Spec(l.p, "compare-chart", title, m.Unit, labels), shown, medianName, med, lines)
	if err != nil {
		return panel{}, nil, fmt.Errorf("web: compare: %w", err)
	}
	t := table{Head: []string{l.T("table.organisation"), strconv.Itoa(year - 1), strconv.Itoa(year), l.T("table.change")}}
	if f != nil {
		t.Head = append(t.Head, l.T("fair.n"), l.T("fair.band"), l.T("fair.peer_median"), l.T("fair.target_state"))
		if m.Rate.PerActivity() {
			t.Head = append(t.Head, l.T("fair.activity_unit"))
		}
	}
	unit := string(m.Unit)
	var prevs, curs, changes []float64
	for _, r := range append(rows, small...) {
		row := tableRow{Label: r.org.Name.In(l.Lang), Link: "/organisations/" + r.org.Code,
			Cells: []string{l.Value(r.prev, unit), l.Value(r.cur, unit), l.Change(r.cur-r.prev, unit)}}
		isSmall := r.curRes.SmallN || (view == viewChange && r.prevRes.SmallN)
		if f != nil {
			if r.prevRes.SmallN {
				row.Cells[0] = withN(l, row.Cells[0], r.prevRes.Denominator)
			}
			if r.curRes.SmallN {
				row.Cells[1] = withN(l, row.Cells[1], r.curRes.Denominator)
			}
			text, class := targetStateCell(l, f.state(m.Code, year, r.curRes))
			row.Cells = append(row.Cells, l.Value(r.curRes.Denominator, "count"), figures.BandName(l.p, f.year.Bands[r.org.Code]),
				l.Value(f.peerMedian(r.org.Code), unit), text)
			row.Classes = map[int]string{len(row.Cells) - 1: class}
			if m.Rate.PerActivity() {
				row.Cells = append(row.Cells, figures.ActivityUnit(l.p, f.settings, r.org.Code))
			}
			if isSmall {
				row.Class = "small-n"
			}
		}
		t.Rows = append(t.Rows, row)
		if !isSmall {
			prevs, curs, changes = append(prevs, r.prev), append(curs, r.cur), append(changes, r.cur-r.prev)
		}
	}
	medRow := tableRow{Label: l.T("table.median"), Note: true,
		Cells: []string{l.Value(rates.Median(prevs), unit), l.Value(rates.Median(curs), unit), l.Change(rates.Median(changes), unit)}}
	if f != nil {
		for len(medRow.Cells) < len(t.Head)-1 {
			medRow.Cells = append(medRow.Cells, "")
		}
	}
	t.Rows = append(t.Rows, medRow)
	return newPanel(l, title, chart, t, q), missing, nil
}

func valueOrChange(l Locale, v float64, unit dashboards.Unit, view string) string {
	if view == viewChange {
		return l.Change(v, string(unit))
	}
	return l.Value(v, string(unit))
}
