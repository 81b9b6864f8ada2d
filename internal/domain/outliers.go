package domain

import (
	"math"
	"slices"
)

// YearValue is a published value of one year.
type YearValue struct {
	Year  int     `json:"year"`
	Value float64 `json:"value"`
}

// Outlier says why a value looks wrong against the administration's own
// history: a warning, never an error.
type Outlier struct {
	Organisation string      `json:"organisation"`
	Year         int         `json:"year"`
	Indicator    string      `json:"indicator"`
	Breakdown    string      `json:"breakdown"`
	Value        float64     `json:"value"`
	History      []YearValue `json:"history"` // the last three published years, oldest first
	ZScore       *float64    `json:"z_score"` // modified z-score against History, when it can be computed
	Change       *float64    `json:"change"`  // relative change on the previous year (0.5 = +50 %), when published
	Reasons      []string    `json:"reasons"` // z_score, change
	Explanation  string      `json:"explanation,omitempty"`
}

// Outlier reasons.
const (
	ReasonZScore = "z_score"
	ReasonChange = "change"
)

// CheckValue compares value (of year) with history, the administration's
// published values of the three years before: the modified z-score of
// Iglewicz and Hoaglin (0.6745·(x−median)/MAD, or (x−median)/(1.253314·mean
// absolute deviation) when the MAD is zero) above zLimit, or a change on
// the previous year above changeLimit, flags it. ok is false when nothing
// looks wrong.
func CheckValue(value float64, year int, history []YearValue, zLimit, changeLimit float64) (Outlier, bool) {
	o := Outlier{Value: value, Year: year, History: history, Reasons: []string{}}
	if len(history) >= 2 {
		xs := make([]float64, len(history))
		for i, h := range history {
			xs[i] = h.Value
		}
		med := median(xs)
		dev := make([]float64, len(xs))
		var sum float64
		for i, x := range xs {
			dev[i] = math.Abs(x - med)
			sum += dev[i]
		}
		var z float64
		switch mad, mean := median(dev), sum/float64(len(dev)); {
		case mad > 0:
			z = 0.6745 * (value - med) / mad
		case mean > 0:
			z = (value - med) / (1.253314 * mean)
		default:
			z = math.NaN() // a constant history: the change on the previous year speaks
		}
		if !math.IsNaN(z) {
			o.ZScore = &z
			if math.Abs(z) > zLimit {
				o.Reasons = append(o.Reasons, ReasonZScore)
			}
		}
	}
	if n := len(history); n > 0 && history[n-1].Year == year-1 && history[n-1].Value > 0 {
		change := (value - history[n-1].Value) / history[n-1].Value
		o.Change = &change
		if math.Abs(change) > changeLimit {
			o.Reasons = append(o.Reasons, ReasonChange)
		}
	}
	return o, len(o.Reasons) > 0
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
