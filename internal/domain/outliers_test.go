package domain

import (
	"slices"
	"testing"
)

func TestCheckValue(t *testing.T) {
	hist := func(vals ...float64) []YearValue {
		out := make([]YearValue, len(vals))
		for i, v := range vals {
			out[i] = YearValue{Year: 2021 + i, Value: v}
		}
		return out
	}
	for _, tt := range []struct {
		name    string
		value   float64
		history []YearValue
		reasons []string
	}{
		{"steady", 104, hist(100, 102, 101), nil},
		{"jump", 300, hist(100, 102, 101), []string{ReasonZScore, ReasonChange}},
		{"drop", 10, hist(100, 102, 101), []string{ReasonZScore, ReasonChange}},
		{"change only, noisy history", 160, hist(40, 200, 100), []string{ReasonChange}},
		{"constant history, small change", 110, hist(100, 100, 100), nil},
		{"constant history, jump", 200, hist(100, 100, 100), []string{ReasonChange}},
		{"no history", 5000, nil, nil},
		{"previous year missing: no change", 300, []YearValue{{2020, 100}, {2021, 101}}, []string{ReasonZScore}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o, flagged := CheckValue(tt.value, 2024, tt.history, DefaultZThreshold, DefaultChangeThreshold)
			if flagged != (len(tt.reasons) > 0) || !slices.Equal(o.Reasons, append([]string{}, tt.reasons...)) {
				t.Errorf("reasons %v (flagged %v), want %v; z=%v change=%v", o.Reasons, flagged, tt.reasons, deref(o.ZScore), deref(o.Change))
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
