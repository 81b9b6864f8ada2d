package web

import (
	"math"
	"sort"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// measure is what a chart can show: a plain indicator or a rate derived from
// indicators (never stored, see the shared README).
type measure struct {
	Code      string
	Unit      dashboards.Unit
	Breakdown string   // non-empty for by_channel, by_language, founded_by_type
	Terms     []string // indicators read from the store
	num, den  []string // for a rate: sum(num) / sum(den) in percent
}

// derived lists the rates in the order pickers offer them.
var derived = []measure{
	{Code: "admissible_share", Unit: dashboards.UnitPercent, Terms: []string{"admissible", "received"}, num: []string{"admissible"}, den: []string{"received"}},
	{Code: "founded_share", Unit: dashboards.UnitPercent, Terms: []string{"founded", "partly_founded", "closed"}, num: []string{"founded", "partly_founded"}, den: []string{"closed"}},
	{Code: "ack_on_time_share", Unit: dashboards.UnitPercent, Terms: []string{"ack_on_time", "admissible"}, num: []string{"ack_on_time"}, den: []string{"admissible"}},
	{Code: "closed_on_time_share", Unit: dashboards.UnitPercent, Terms: []string{"closed_on_time", "closed"}, num: []string{"closed_on_time"}, den: []string{"closed"}},
}

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
// -> value); NaN when a term is missing or the denominator is zero.
func (m measure) of(values map[string]float64) float64 {
	if m.num == nil {
		if v, ok := values[m.Code]; ok {
			return v
		}
		return math.NaN()
	}
	num, ok1 := sum(values, m.num)
	den, ok2 := sum(values, m.den)
	if !ok1 || !ok2 || den == 0 {
		return math.NaN()
	}
	return 100 * num / den
}

func sum(values map[string]float64, codes []string) (float64, bool) {
	total := 0.0
	for _, c := range codes {
		v, ok := values[c]
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
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

// median of the values that are not NaN; NaN when there are none.
func median(values []float64) float64 {
	var vs []float64
	for _, v := range values {
		if !math.IsNaN(v) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return math.NaN()
	}
	sort.Float64s(vs)
	n := len(vs)
	if n%2 == 1 {
		return vs[n/2]
	}
	return (vs[n/2-1] + vs[n/2]) / 2
}
