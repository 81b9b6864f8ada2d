package web

import (
	"context"
	"fmt"
	"strconv"

	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/report"
	"github.com/fcmn/infocentre/internal/store"
)

// targetsSection is the report's chapter on the coordinator's targets:
// each administration of the scope (only org in a letter) × each rate with
// a target that year,
// its value and met / close / missed (words and colour); a value on a small
// number is shown with its n and not judged.
func (s *Server) targetsSection(ctx context.Context, year int, group, org string) (func(Locale, *report.Network) (reportSection, error), error) {
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: report targets: %w", err)
	}
	network, err := s.st.DashboardNetwork(ctx, store.Scope{})
	if err != nil {
		return nil, fmt.Errorf("web: report targets: %w", err)
	}
	values := byOrgYear(network)
	return func(l Locale, _ *report.Network) (reportSection, error) {
		sec := reportSection{ID: "targets", Title: l.T("report.targets.title"), Intro: []string{l.T("report.targets.intro", settings.SmallN)}}
		var ms []measure
		var targets []rates.Target
		// Per rate with a target: its value (a number, drawn in the
		// workbook's chart) and its state.
		t := reportTable{ID: "targets-table", L: l, Head: []string{l.T("report.org")},
			XLSX: &report.Chart{Kind: "bar", Title: l.T("report.targets.title") + " " + strconv.Itoa(year)}}
		for _, m := range derived {
			if tgt, ok := settings.TargetFor(m.Code, year); ok {
				ms = append(ms, m)
				t.XLSX.Columns = append(t.XLSX.Columns, 2*len(targets))
				targets = append(targets, tgt)
				t.Head = append(t.Head, m.label(s.ref(), l)+" ("+targetText(l, tgt, string(m.Unit))+")", l.T("fair.target_state"))
			}
		}
		if len(ms) == 0 {
			sec.Lists = []reportList{{Empty: l.T("report.targets.none")}}
			return sec, nil
		}
		for _, o := range dueInScope(s.ref(), store.Scope{Group: group}, year) {
			own, ok := values[orgYear{o.Code, year}]
			if !ok || (org != "" && o.Code != org) {
				continue
			}
			row := reportRow{Key: o.Code, Label: o.Name.In(l.Lang)}
			for _, m := range ms {
				res := m.result(own, settings.SmallN)
				value, state := num(l, res.Value, string(m.Unit)), text("–")
				switch {
				case !res.OK():
				case res.SmallN:
					// Not a figure to rank or chart: text, greyed, with its n.
					value = reportCell{Text: withN(l, value.Text, res.Denominator), Class: "num small-n"}
				default:
					words, class := targetStateCell(l, settings.StateOf(m.Code, year, res))
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
