package figures

import (
	"math"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/rates"
)

// Fairness is what a page needs to compare a rate fairly in one year: the
// coordinator's settings and, over every administration of the network, the
// rate, the size band and the medians (network and per band) without small
// numbers.
type Fairness struct {
	settings rates.Settings
	year     rates.Year
	target   rates.Target
	hasTgt   bool
}

// NewFairness computes rate m in year over the network's plain values;
// nil for a plain indicator.
func NewFairness(m Measure, year int, settings rates.Settings, network []domain.Observation) *Fairness {
	if m.Rate == nil {
		return nil
	}
	values := map[string]map[string]float64{}
	for k, v := range ByOrgYear(network) {
		if k.Year == year {
			values[k.Org] = v
		}
	}
	f := &Fairness{settings: settings, year: settings.ComputeYear(*m.Rate, values)}
	f.target, f.hasTgt = settings.TargetFor(m.Rate.Code, year)
	return f
}

// peerMedian is the median of the administration's size band; NaN when it
// has no band or the band no value that counts.
func (f *Fairness) peerMedian(org string) float64 {
	band := f.year.Bands[org]
	if band == "" {
		return math.NaN()
	}
	return f.year.ByBand[band]
}

// state judges an administration's result against the target: "" without.
func (f *Fairness) state(code string, year int, r rates.Result) string {
	return f.settings.StateOf(code, year, r)
}

// targetLine is the target drawn on a ranked chart, if any.
func (f *Fairness) targetLine(pr *locale.Printer, unit dashboards.Unit) []dashboards.Line {
	if f == nil || !f.hasTgt {
		return nil
	}
	return []dashboards.Line{{Name: f.target.Text(pr, string(unit)), Value: f.target.Value}}
}
