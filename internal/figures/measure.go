// Package figures holds what the public pages show, apart from HTTP: the
// measures (the catalogue's indicators and the rates derived from them),
// their values per administration and year, and the tables and breakdowns
// built from them. Texts come from a locale.Printer, so that the same
// figures serve every language.
package figures

import (
	"math"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
)

// Measure is what a chart can show: a plain indicator or a rate derived from
// indicators (never stored, see internal/rates).
type Measure struct {
	Code      string
	Unit      dashboards.Unit
	Breakdown string   // non-empty for by_channel, by_language, founded_by_type
	Terms     []string // indicators read from the store
	Rate      *rates.Rate
}

// Derived lists the rates in the order pickers offer them.
var Derived = func() []Measure {
	var out []Measure
	for i := range rates.All {
		r := &rates.All[i]
		unit := dashboards.UnitPercent
		if r.Unit == rates.UnitPer1000 {
			unit = dashboards.UnitPer1000
		}
		out = append(out, Measure{Code: r.Code, Unit: unit, Terms: r.Terms(), Rate: r})
	}
	return out
}()

// All is every measure the site offers: derived rates first, then the
// catalogue's indicators.
func All(ref *reference.Catalogue) []Measure {
	out := append([]Measure(nil), Derived...)
	for _, in := range ref.Indicators {
		unit := dashboards.UnitCount
		if in.Unit == "days" {
			unit = dashboards.UnitDays
		}
		out = append(out, Measure{Code: in.Code, Unit: unit, Breakdown: in.Breakdown, Terms: []string{in.Code}})
	}
	return out
}

// Find returns the measure of code.
func Find(ref *reference.Catalogue, code string) (Measure, bool) {
	for _, m := range All(ref) {
		if m.Code == code {
			return m, true
		}
	}
	return Measure{}, false
}

// Label names the measure in p's language: rates from the message
// catalogue, indicators from the reference data.
func (m Measure) Label(ref *reference.Catalogue, p *locale.Printer) string {
	if in, ok := ref.Indicator(m.Code); ok {
		return in.Label.In(p.Lang())
	}
	return p.T("measure." + m.Code)
}

// Of computes the measure from one administration-year's values (indicator
// -> value); NaN when a term is missing or the denominator is zero. Small
// numbers are not told apart here: see Result.
func (m Measure) Of(values map[string]float64) float64 {
	if m.Rate == nil {
		if v, ok := values[m.Code]; ok {
			return v
		}
		return math.NaN()
	}
	return m.Rate.Of(values, 0).Value
}

// Result computes the measure with its numerator and denominator, flagging a
// rate whose denominator is below smallN. A plain indicator is never small.
func (m Measure) Result(values map[string]float64, smallN float64) rates.Result {
	if m.Rate == nil {
		return rates.Result{Value: m.Of(values)}
	}
	return m.Rate.Of(values, smallN)
}

// OrgYear keys the plain values of one administration for one year.
type OrgYear struct {
	Org  string
	Year int
}

// ByOrgYear groups plain (not broken down) observations.
func ByOrgYear(obs []domain.Observation) map[OrgYear]map[string]float64 {
	out := map[OrgYear]map[string]float64{}
	for _, o := range obs {
		if o.Breakdown != "" {
			continue
		}
		k := OrgYear{o.Organisation, o.Year}
		if out[k] == nil {
			out[k] = map[string]float64{}
		}
		out[k][o.Indicator] = o.Value
	}
	return out
}
