package web

import (
	"context"
	"fmt"
	"math"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

// fairness is what a page needs to compare a rate fairly in one year: the
// coordinator's settings and, over every administration of the network, the
// rate, the size band and the medians (network and per band) without small
// numbers.
type fairness struct {
	settings rates.Settings
	year     rates.Year
	target   rates.Target
	hasTgt   bool
}

// fairnessOf computes rate m in year over the whole network; nil for a
// plain indicator.
func (s *Server) fairnessOf(ctx context.Context, m measure, year int) (*fairness, error) {
	if m.Rate == nil {
		return nil, nil
	}
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: fair comparison: %w", err)
	}
	network, err := s.st.DashboardNetwork(ctx, store.Scope{})
	if err != nil {
		return nil, fmt.Errorf("web: fair comparison: %w", err)
	}
	values := map[string]map[string]float64{}
	for k, v := range figures.ByOrgYear(network) {
		if k.Year == year {
			values[k.Org] = v
		}
	}
	f := &fairness{settings: settings, year: settings.ComputeYear(*m.Rate, values)}
	f.target, f.hasTgt = settings.TargetFor(m.Rate.Code, year)
	return f, nil
}

// peerMedian is the median of the administration's size band; NaN when it
// has no band or the band no value that counts.
func (f *fairness) peerMedian(org string) float64 {
	band := f.year.Bands[org]
	if band == "" {
		return math.NaN()
	}
	return f.year.ByBand[band]
}

// state judges an administration's result against the target: "" without.
func (f *fairness) state(code string, year int, r rates.Result) string {
	return f.settings.StateOf(code, year, r)
}

// targetLine is the target drawn on a ranked chart, if any.
func (f *fairness) targetLine(l Locale, unit dashboards.Unit) []dashboards.Line {
	if f == nil || !f.hasTgt {
		return nil
	}
	return []dashboards.Line{{Name: targetText(l, f.target, string(unit)), Value: f.target.Value}}
}

// targetText reads a target: "Target: ≥ 95.0 %".
func targetText(l Locale, t rates.Target, unit string) string { return t.Text(l.p, unit) }

// targetStateCell is the text of a target state, with the class that colours it.
func targetStateCell(l Locale, state string) (string, string) { return rates.StateText(l.p, state) }

// withN marks a value resting on too few cases: "100.0 % (n = 8)".
func withN(l Locale, value string, n float64) string { return rates.WithN(l.p, value, n) }
