package figures

import (
	"math"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
)

// YearValues returns the per-administration values of one year.
func YearValues(values map[OrgYear]map[string]float64, year int) []map[string]float64 {
	var out []map[string]float64
	for k, v := range values {
		if k.Year == year {
			out = append(out, v)
		}
	}
	return out
}

// Pooled computes a measure over several administrations: a count is summed,
// a rate is the sum of numerators over the sum of denominators, both taken
// only from administrations that report every term. NaN when none does.
func Pooled(m Measure, orgs []map[string]float64) float64 {
	total := map[string]float64{}
	seen := false
	for _, vals := range orgs {
		if math.IsNaN(m.Of(vals)) {
			continue
		}
		seen = true
		for _, t := range m.Terms {
			total[t] += vals[t]
		}
	}
	if !seen {
		return math.NaN()
	}
	return m.Of(total)
}

// MedianOf is the median over administrations of one indicator.
func MedianOf(indicator string, orgs []map[string]float64) float64 {
	var vs []float64
	for _, vals := range orgs {
		if v, ok := vals[indicator]; ok {
			vs = append(vs, v)
		}
	}
	return rates.Median(vs)
}

// Reported tells whether obs hold a value of year.
func Reported(obs []domain.Observation, year int) bool {
	for _, o := range obs {
		if o.Year == year {
			return true
		}
	}
	return false
}
