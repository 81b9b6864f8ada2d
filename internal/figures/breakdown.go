package figures

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
)

// Figure is one chart with the same data as a table and the filter of the
// extract behind it: what a page shows as one panel.
type Figure struct {
	Title string
	Chart dashboards.Chart
	Table Table
	Query Query
}

// Spec starts a chart spec with the texts every chart shares.
func Spec(pr *locale.Printer, id, title string, unit dashboards.Unit, labels []string) dashboards.Spec {
	return dashboards.Spec{ID: id, Title: title, SaveAs: pr.T("chart.save"), Unit: unit, Labels: labels}
}

// Breakdown draws one breakdown of an administration as 100 % stacked
// bars per year; false when it never reported it.
func Breakdown(ref *reference.Catalogue, pr *locale.Printer, m Measure, code string, years []int, own []domain.Observation) (Figure, bool, error) {
	parts := map[int]map[string]float64{}
	totals := map[int]float64{}
	for _, o := range own {
		if o.Indicator != m.Code {
			continue
		}
		if parts[o.Year] == nil {
			parts[o.Year] = map[string]float64{}
		}
		parts[o.Year][o.Breakdown] += o.Value
		totals[o.Year] += o.Value
	}
	var shown []int
	var labels []string
	for _, y := range years {
		if totals[y] > 0 {
			shown = append(shown, y)
			labels = append(labels, strconv.Itoa(y))
		}
	}
	if len(shown) == 0 {
		return Figure{}, false, nil
	}
	label := m.Label(ref, pr)
	t := Table{Head: []string{pr.T("table.year")}}
	var series []dashboards.Series
	for _, bv := range ref.BreakdownValuesOf(m.Breakdown) {
		ser := dashboards.Series{Name: bv.Label.In(pr.Lang())}
		used := false
		for _, y := range shown {
			ser.Values = append(ser.Values, 100*parts[y][bv.Code]/totals[y])
			used = used || parts[y][bv.Code] > 0
		}
		if used {
			series = append(series, ser)
			t.Head = append(t.Head, ser.Name)
		}
	}
	t.Head = append(t.Head, pr.T("compare.total"))
	for i, y := range shown {
		row := Row{Label: labels[i]}
		for _, ser := range series {
			row.Cells = append(row.Cells, pr.Value(ser.Values[i], "percent"))
		}
		row.Cells = append(row.Cells, pr.Value(totals[y], "count"))
		t.Rows = append(t.Rows, row)
	}
	chart, err := dashboards.Stacked(Spec(pr, "profile-"+m.Code, label, dashboards.UnitPercent, labels), series)
	if err != nil {
		return Figure{}, false, fmt.Errorf("figures: breakdown of %s: %w", code, err)
	}
	return Figure{Title: label, Chart: chart, Table: t, Query: Query{Years: shown, Organisations: []string{code}, Indicators: []string{m.Code}}}, true, nil
}

// Shares draws a breakdown as 100 % stacked bars per administration,
// largest total first.
func Shares(ref *reference.Catalogue, pr *locale.Printer, m Measure, label string, year int, scope []reference.Organisation, obs []domain.Observation, q Query) (Figure, []OrgLink, error) {
	type parts struct {
		org         reference.Organisation
		byValue     map[string]float64
		total, prev float64
	}
	found := map[string]*parts{}
	for _, o := range obs {
		p := found[o.Organisation]
		if p == nil {
			p = &parts{byValue: map[string]float64{}}
			found[o.Organisation] = p
		}
		if o.Year == year {
			p.byValue[o.Breakdown] += o.Value
			p.total += o.Value
		} else {
			p.prev += o.Value
		}
	}
	var rows []*parts
	var missing []OrgLink
	for _, o := range scope {
		p := found[o.Code]
		if p == nil || p.total == 0 {
			missing = append(missing, OrgLink{Code: o.Code, Name: o.Name.In(pr.Lang())})
			continue
		}
		p.org = o
		rows = append(rows, p)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].total > rows[j].total })
	labels := make([]string, len(rows))
	for i, r := range rows {
		labels[i] = r.org.Name.In(pr.Lang())
	}
	var values []reference.BreakdownValue
	var series []dashboards.Series
	for _, bv := range ref.BreakdownValuesOf(m.Breakdown) {
		ser := dashboards.Series{Name: bv.Label.In(pr.Lang())}
		used := false
		for _, r := range rows {
			ser.Values = append(ser.Values, 100*r.byValue[bv.Code]/r.total)
			used = used || r.byValue[bv.Code] > 0
		}
		if used {
			values = append(values, bv)
			series = append(series, ser)
		}
	}
	title := fmt.Sprintf("%s, %d", label, year)
	chart, err := dashboards.Stacked(Spec(pr, "compare-chart", title, dashboards.UnitPercent, labels), series)
	if err != nil {
		return Figure{}, nil, fmt.Errorf("figures: shares: %w", err)
	}
	t := Table{Head: []string{pr.T("table.organisation")}}
	for _, bv := range values {
		t.Head = append(t.Head, bv.Label.In(pr.Lang()))
	}
	t.Head = append(t.Head, pr.T("compare.total")+" "+strconv.Itoa(year-1), pr.T("compare.total")+" "+strconv.Itoa(year))
	for _, r := range rows {
		row := Row{Label: r.org.Name.In(pr.Lang()), Link: "/organisations/" + r.org.Code}
		for _, bv := range values {
			n := r.byValue[bv.Code]
			row.Cells = append(row.Cells, pr.Value(n, "count")+" ("+pr.Value(100*n/r.total, "percent")+")")
		}
		prev := math.NaN()
		if r.prev > 0 {
			prev = r.prev
		}
		row.Cells = append(row.Cells, pr.Value(prev, "count"), pr.Value(r.total, "count"))
		t.Rows = append(t.Rows, row)
	}
	return Figure{Title: title, Chart: chart, Table: t, Query: q}, missing, nil
}
