// Package rates derives the network's rates from published indicators and
// judges them fairly: a rate on too few cases is flagged (small n) and left
// out of rankings and medians, administrations are compared with peers of
// their size, and each rate may have a target set by the coordinator. It
// knows nothing of the database or of HTTP.
package rates

import (
	"math"
	"sort"
)

// Units of a rate.
const (
	UnitPercent = "percent"  // per 100
	UnitPer1000 = "per_1000" // per 1,000 of the activity volume
)

// Rate is a ratio of sums of indicators: Scale × sum(Num) / sum(Den).
type Rate struct {
	Code  string
	Unit  string
	Scale float64
	Num   []string
	Den   []string
}

// All lists the rates in the order pickers offer them. Founded counts
// founded and partly founded complaints, as the founded share does.
var All = []Rate{
	{Code: "admissible_share", Unit: UnitPercent, Scale: 100, Num: []string{"admissible"}, Den: []string{"received"}},
	{Code: "founded_share", Unit: UnitPercent, Scale: 100, Num: []string{"founded", "partly_founded"}, Den: []string{"closed"}},
	{Code: "ack_on_time_share", Unit: UnitPercent, Scale: 100, Num: []string{"ack_on_time"}, Den: []string{"admissible"}},
	{Code: "closed_on_time_share", Unit: UnitPercent, Scale: 100, Num: []string{"closed_on_time"}, Den: []string{"closed"}},
	{Code: "complaints_per_1000", Unit: UnitPer1000, Scale: 1000, Num: []string{"received"}, Den: []string{"activity_volume"}},
	{Code: "founded_per_1000", Unit: UnitPer1000, Scale: 1000, Num: []string{"founded", "partly_founded"}, Den: []string{"activity_volume"}},
}

// Find returns the rate with code.
func Find(code string) (Rate, bool) {
	for _, r := range All {
		if r.Code == code {
			return r, true
		}
	}
	return Rate{}, false
}

// Terms lists the indicators the rate reads, each once.
func (r Rate) Terms() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range append(append([]string(nil), r.Num...), r.Den...) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// PerActivity tells whether the rate is relative to the activity volume,
// whose unit is then shown beside it.
func (r Rate) PerActivity() bool { return r.Unit == UnitPer1000 }

// Result is a rate computed for one administration and year.
type Result struct {
	Value       float64 // NaN when a term is missing or the denominator is 0
	Numerator   float64
	Denominator float64
	SmallN      bool // a denominator below the small-n threshold
}

// OK tells whether the rate could be computed.
func (r Result) OK() bool { return !math.IsNaN(r.Value) }

// Counts tells whether the value may be ranked and enter medians.
func (r Result) Counts() bool { return r.OK() && !r.SmallN }

// Of computes the rate from one administration-year's plain values
// (indicator → value); smallN is the threshold of the denominator.
func (r Rate) Of(values map[string]float64, smallN float64) Result {
	num, ok1 := Sum(values, r.Num)
	den, ok2 := Sum(values, r.Den)
	if !ok1 || !ok2 || den == 0 {
		return Result{Value: math.NaN(), Numerator: num, Denominator: den}
	}
	return Result{Value: r.Scale * num / den, Numerator: num, Denominator: den, SmallN: den < smallN}
}

// Sum adds the values of codes; false when one of them is not reported.
func Sum(values map[string]float64, codes []string) (float64, bool) {
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

// Size bands, by activity volume or, without one, by complaints received.
const (
	BandSmall  = "small"
	BandMedium = "medium"
	BandLarge  = "large"
)

// Bands are the coordinator's thresholds: from Medium on an administration
// is medium, from Large on large (a value equal to a threshold is in the
// upper band).
type Bands struct {
	Medium float64 `json:"medium"`
	Large  float64 `json:"large"`
}

func (b Bands) of(v float64) string {
	switch {
	case v >= b.Large:
		return BandLarge
	case v >= b.Medium:
		return BandMedium
	}
	return BandSmall
}

// Directions of a target.
const (
	AtLeast = "at_least"
	AtMost  = "at_most"
)

// Target states.
const (
	StateMet    = "met"
	StateClose  = "close"
	StateMissed = "missed"
)

// Target is the coordinator's target for a rate: Year 0 holds for every
// year without a target of its own. A value on the wrong side of Value by
// at most Margin (in the rate's unit) is close.
type Target struct {
	Rate      string  `json:"rate"`
	Year      int     `json:"year"`
	Direction string  `json:"direction"`
	Value     float64 `json:"value"`
	Margin    float64 `json:"margin"`
}

// State judges v against the target.
func (t Target) State(v float64) string {
	gap := t.Value - v // how far below
	if t.Direction == AtMost {
		gap = v - t.Value
	}
	switch {
	case gap <= 0:
		return StateMet
	case gap <= t.Margin:
		return StateClose
	}
	return StateMissed
}

// Activity units an administration may count its activity volume in.
var Units = []string{"files", "decisions", "contacts"}

// Settings are the coordinator's choices for fair comparison.
type Settings struct {
	SmallN       float64           `json:"small_n"`
	BandVolume   Bands             `json:"band_activity_volume"`
	BandReceived Bands             `json:"band_received"`
	Targets      []Target          `json:"targets"`
	Units        map[string]string `json:"activity_units"` // organisation → unit
}

// TargetFor returns the target of rate in year: the year's own, else the
// one for every year.
func (s Settings) TargetFor(rate string, year int) (Target, bool) {
	var general *Target
	for i, t := range s.Targets {
		if t.Rate != rate {
			continue
		}
		if t.Year == year {
			return t, true
		}
		if t.Year == 0 {
			general = &s.Targets[i]
		}
	}
	if general != nil {
		return *general, true
	}
	return Target{}, false
}

// StateOf judges a computed rate against its target: "" when there is no
// target, or when the value is missing or rests on too few cases to judge.
func (s Settings) StateOf(rate string, year int, r Result) string {
	t, ok := s.TargetFor(rate, year)
	if !ok || !r.Counts() {
		return ""
	}
	return t.State(r.Value)
}

// Band places one administration-year by its plain values: by
// activity_volume when it has one, else by received; "" with neither.
func (s Settings) Band(values map[string]float64) string {
	if v, ok := values["activity_volume"]; ok {
		return s.BandVolume.of(v)
	}
	if v, ok := values["received"]; ok {
		return s.BandReceived.of(v)
	}
	return ""
}

// Median of the values that are not NaN; NaN when there are none.
func Median(values []float64) float64 {
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

// Year is one rate computed for every administration of a year, with the
// medians fair comparison needs.
type Year struct {
	Results map[string]Result // organisation → result
	Bands   map[string]string // organisation → size band
	Network float64           // median over the results that count
	ByBand  map[string]float64
}

// ComputeYear computes rate for every administration of values
// (organisation → indicator → value) and the medians of the network and of
// each size band, leaving out what cannot be computed and small numbers.
func (s Settings) ComputeYear(r Rate, values map[string]map[string]float64) Year {
	y := Year{Results: map[string]Result{}, Bands: map[string]string{}, ByBand: map[string]float64{}}
	var all []float64
	byBand := map[string][]float64{}
	for org, v := range values {
		res := r.Of(v, s.SmallN)
		y.Results[org] = res
		band := s.Band(v)
		y.Bands[org] = band
		if res.Counts() {
			all = append(all, res.Value)
			if band != "" {
				byBand[band] = append(byBand[band], res.Value)
			}
		}
	}
	y.Network = Median(all)
	for _, b := range []string{BandSmall, BandMedium, BandLarge} {
		y.ByBand[b] = Median(byBand[b])
	}
	return y
}
