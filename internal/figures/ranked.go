package figures

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
)

// ranked is one administration on a ranked chart.
type ranked struct {
	org              reference.Organisation
	cur, prev, shown float64
	curRes, prevRes  rates.Result
}

// Ranked sorts the administrations by the measure (or by its change)
// and draws them as bars with the median as a line. For a rate, f adds what
// fair comparison asks: a value on a small number is left out of the bars
// and the median and listed greyed with its n; each administration's size
// band and the median of its peers; the target as a line and its state.
func Ranked(pr *locale.Printer, m Measure, label string, year int, change bool, scope []reference.Organisation, values map[OrgYear]map[string]float64, q Query, f *Fairness, single bool) (Figure, []OrgLink, error) {
	var rows, small []ranked
	var missing []OrgLink
	smallN := 0.0
	if f != nil {
		smallN = f.settings.SmallN
	}
	for _, o := range scope {
		r := ranked{org: o, curRes: m.Result(values[OrgYear{Org: o.Code, Year: year}], smallN), prevRes: m.Result(values[OrgYear{Org: o.Code, Year: year - 1}], smallN)}
		r.cur, r.prev = r.curRes.Value, r.prevRes.Value
		r.shown = r.cur
		if change {
			r.shown = r.cur - r.prev
		}
		if math.IsNaN(r.shown) {
			missing = append(missing, OrgLink{Code: o.Code, Name: o.Name.In(pr.Lang())})
			continue
		}
		if r.curRes.SmallN || (change && r.prevRes.SmallN) {
			small = append(small, r)
			continue
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].shown > rows[j].shown })
	labels := make([]string, len(rows))
	shown := make([]float64, len(rows))
	for i, r := range rows {
		labels[i], shown[i] = r.org.Name.In(pr.Lang()), r.shown
	}
	med := rates.Median(shown)
	title := fmt.Sprintf("%s, %d", label, year)
	if change {
		title = fmt.Sprintf("%s, %d–%d", label, year-1, year)
	}
	medianName := pr.T("chart.median") + ": " + valueOrChange(pr, med, m.Unit, change)
	var lines []dashboards.Line
	if f != nil && !change {
		lines = f.targetLine(pr, m.Unit)
		if single && len(scope) == 1 {
			if pm := f.peerMedian(scope[0].Code); !math.IsNaN(pm) {
				lines = append(lines, dashboards.Line{Name: pr.T("fair.peer_median") + ": " + pr.Value(pm, string(m.Unit)), Value: pm})
			}
		}
	}
	chart, err := dashboards.RankedWith(Spec(pr, "compare-chart", title, m.Unit, labels), shown, medianName, med, lines)
	if err != nil {
		return Figure{}, nil, fmt.Errorf("figures: ranked: %w", err)
	}
	t := Table{Head: []string{pr.T("table.organisation"), strconv.Itoa(year - 1), strconv.Itoa(year), pr.T("table.change")}}
	if f != nil {
		t.Head = append(t.Head, pr.T("fair.n"), pr.T("fair.band"), pr.T("fair.peer_median"), pr.T("fair.target_state"))
		if m.Rate.PerActivity() {
			t.Head = append(t.Head, pr.T("fair.activity_unit"))
		}
	}
	unit := string(m.Unit)
	var prevs, curs, changes []float64
	for _, r := range append(rows, small...) {
		row := Row{Label: r.org.Name.In(pr.Lang()), Link: "/organisations/" + r.org.Code,
			Cells: []string{pr.Value(r.prev, unit), pr.Value(r.cur, unit), pr.Change(r.cur-r.prev, unit)}}
		isSmall := r.curRes.SmallN || (change && r.prevRes.SmallN)
		if f != nil {
			if r.prevRes.SmallN {
				row.Cells[0] = rates.WithN(pr, row.Cells[0], r.prevRes.Denominator)
			}
			if r.curRes.SmallN {
				row.Cells[1] = rates.WithN(pr, row.Cells[1], r.curRes.Denominator)
			}
			text, class := rates.StateText(pr, f.state(m.Code, year, r.curRes))
			row.Cells = append(row.Cells, pr.Value(r.curRes.Denominator, "count"), BandName(pr, f.year.Bands[r.org.Code]),
				pr.Value(f.peerMedian(r.org.Code), unit), text)
			row.Classes = map[int]string{len(row.Cells) - 1: class}
			if m.Rate.PerActivity() {
				row.Cells = append(row.Cells, ActivityUnit(pr, f.settings, r.org.Code))
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
	medRow := Row{Label: pr.T("table.median"), Note: true,
		Cells: []string{pr.Value(rates.Median(prevs), unit), pr.Value(rates.Median(curs), unit), pr.Change(rates.Median(changes), unit)}}
	if f != nil {
		for len(medRow.Cells) < len(t.Head)-1 {
			medRow.Cells = append(medRow.Cells, "")
		}
	}
	t.Rows = append(t.Rows, medRow)
	return Figure{Title: title, Chart: chart, Table: t, Query: q}, missing, nil
}

// valueOrChange formats v as a value, or as a change when change.
func valueOrChange(pr *locale.Printer, v float64, unit dashboards.Unit, change bool) string {
	if change {
		return pr.Change(v, string(unit))
	}
	return pr.Value(v, string(unit))
}
