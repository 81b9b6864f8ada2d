package web

import (
	"math"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
)

// measure is what a chart can show: a plain indicator or a rate derived from
// indicators (never stored, see internal/rates).
type measure struct {
	Code      string
	Unit      dashboards.Unit
	Breakdown string   // non-empty for by_channel, by_language, founded_by_type
	Terms     []string // indicators read from the store
	rate      *rates.Rate
}

// derived lists the rates in the order pickers offer them.
var derived = func() []measure {
	var out []measure
	for i := range rates.All {
		r := &rates.All[i]
		unit := dashboards.UnitPercent
		if r.Unit == rates.UnitPer1000 {
			unit = dashboards.UnitPer1000
		}
		out = append(out, measure{Code: r.Code, Unit: unit, Terms: r.Terms(), rate: r})
	}
	return out
}()

// measures is every measure the site offers: derived rates first, then the
// catalogue's indicators.
func measures(ref *reference.Catalogue) []measure {
	out := append([]measure(nil), derived...)
	for _, in := range ref.Indicators {
		unit := dashboards.UnitCount
		if in.Unit == "days" {
			unit = dashboards.UnitDays
		}
		out = append(out, measure{Code: in.Code, Unit: unit, Breakdown: in.Breakdown, Terms: []string{in.Code}})
	}
	return out
}

func findMeasure(ref *reference.Catalogue, code string) (measure, bool) {
	for _, m := range measures(ref) {
		if m.Code == code {
			return m, true
		}
	}
	return measure{}, false
}

// label names the measure in lang: rates from the message catalogue,
// indicators from the reference data.
func (m measure) label(ref *reference.Catalogue, l Locale) string {
	if in, ok := ref.Indicator(m.Code); ok {
		return in.Label.In(l.Lang)
	}
	return l.T("measure." + m.Code)
}

// of computes the measure from one administration-year's values (indicator
// -> value); NaN when a term is missing or the denominator is zero. Small
// numbers are not told apart here: see result.
func (m measure) of(values map[string]float64) float64 {
	if m.rate == nil {
		if v, ok := values[m.Code]; ok {
			return v
		}
		return math.NaN()
	}
	return m.rate.Of(values, 0).Value
}

// result computes the measure with its numerator and denominator, flagging a
// rate whose denominator is below smallN. A plain indicator is never small.
func (m measure) result(values map[string]float64, smallN float64) rates.Result {
	if m.rate == nil {
		return rates.Result{Value: m.of(values)}
	}
	return m.rate.Of(values, smallN)
}

// orgYear keys the plain values of one administration for one year.
type orgYear struct {
	Org  string
	Year int
}

// byOrgYear groups plain (not broken down) observations.
func byOrgYear(obs []domain.Observation) map[orgYear]map[string]float64 {
	out := map[orgYear]map[string]float64{}
	for _, o := range obs {
		if o.Breakdown != "" {
			continue
		}
		k := orgYear{o.Organisation, o.Year}
		if out[k] == nil {
			out[k] = map[string]float64{}
		}
		out[k][o.Indicator] = o.Value
	}
	return out
}
