package report

import (
	"context"
	"fmt"
	"strconv"

	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

// targetsSection is the report's chapter on the coordinator's targets:
// each administration of the scope (only org in a letter) × each rate with
// a target that year,
// its value and met / close / missed (words and colour); a value on a small
// number is shown with its n and not judged.
func (d *Documents) targetsSection(ctx context.Context, year int, group, org string) (func(*locale.Printer, *Network) (reportSection, error), error) {
	settings, err := d.st.FairSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: targets: %w", err)
	}
	network, err := d.st.DashboardNetwork(ctx, store.Scope{})
	if err != nil {
		return nil, fmt.Errorf("report: targets: %w", err)
	}
	// The plain values of the year, per administration.
	values := map[string]map[string]float64{}
	for _, ob := range network {
		if ob.Year != year || ob.Breakdown != "" {
			continue
		}
		if values[ob.Organisation] == nil {
			values[ob.Organisation] = map[string]float64{}
		}
		values[ob.Organisation][ob.Indicator] = ob.Value
	}
	return func(l *locale.Printer, _ *Network) (reportSection, error) {
		sec := reportSection{ID: "targets", Title: l.T("report.targets.title"), Intro: []string{l.T("report.targets.intro", settings.SmallN)}}
		var rs []rates.Rate
		// Per rate with a target: its value (a number, drawn in the
		// workbook's chart) and its state.
		t := reportTable{ID: "targets-table", Head: []string{l.T("report.org")},
			XLSX: &Chart{Kind: "bar", Title: l.T("report.targets.title") + " " + strconv.Itoa(year)}}
		for _, r := range rates.All {
			if tgt, ok := settings.TargetFor(r.Code, year); ok {
				t.XLSX.Columns = append(t.XLSX.Columns, 2*len(rs))
				rs = append(rs, r)
				t.Head = append(t.Head, d.measureLabel(l, r.Code)+" ("+tgt.Text(l, r.Unit)+")", l.T("fair.target_state"))
			}
		}
		if len(rs) == 0 {
			sec.Lists = []reportList{{Empty: l.T("report.targets.none")}}
			return sec, nil
		}
		for _, o := range d.ref().Organisations {
			own, ok := values[o.Code]
			if !ok || !o.ActiveIn(year) || (group != "" && o.GroupIn(year) != group) || (org != "" && o.Code != org) {
				continue
			}
			row := reportRow{Key: o.Code, Label: o.Name.In(l.Lang())}
			for _, r := range rs {
				res := r.Of(own, settings.SmallN)
				value, state := num(l, res.Value, r.Unit), text("–")
				switch {
				case !res.OK():
				case res.SmallN:
					// Not a figure to rank or chart: text, greyed, with its n.
					value = reportCell{Text: rates.WithN(l, value.Text, res.Denominator), Class: "num small-n"}
				default:
					words, class := rates.StateText(l, settings.StateOf(r.Code, year, res))
					state = reportCell{Text: words, Class: class}
				}
				row.Cells = append(row.Cells, value, state)
			}
			t.Rows = append(t.Rows, row)
		}
		sec.Tables = []reportTable{t}
		return sec, nil
	}, nil
}
