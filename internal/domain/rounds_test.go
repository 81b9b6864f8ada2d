package domain

import (
	"errors"
	"math"
	"testing"
	"time"
)

// TestNewRoundThresholds: a threshold that is NaN, infinite, negative or
// beyond its bound is refused (a CLI flag can carry NaN); zero takes the
// default.
func TestNewRoundThresholds(t *testing.T) {
	cases := []struct {
		change, z float64
		ok        bool
	}{
		{0, 0, true}, {0.5, 3.5, true}, {10, 100, true},
		{math.NaN(), 0, false}, {0, math.NaN(), false},
		{math.Inf(1), 0, false}, {0, math.Inf(1), false},
		{-0.1, 0, false}, {10.01, 0, false}, {0, 100.5, false}, {1e308, 0, false},
	}
	for _, c := range cases {
		r, err := NewRound(RoundRequest{Year: 2026, Deadline: "2027-03-31", ChangeThreshold: c.change, ZThreshold: c.z}, "test", time.Now())
		var de *Error
		switch {
		case c.ok && err != nil:
			t.Errorf("%v, %v: %v", c.change, c.z, err)
		case !c.ok && (!errors.As(err, &de) || de.Key != "error.round_thresholds"):
			t.Errorf("%v, %v: %+v, %v; want error.round_thresholds", c.change, c.z, r, err)
		}
	}
}
