package rates

import (
	"math"
	"testing"
)

// network is four administrations of one year, small enough to work out
// every rate by hand (see TestRatesByHand).
var network = map[string]map[string]float64{
	// A: activity 8,000 (below 10,000: small).
	"A": {"received": 40, "admissible": 30, "closed": 20, "founded": 5, "partly_founded": 3,
		"ack_on_time": 27, "closed_on_time": 19, "activity_volume": 8000},
	// B: activity exactly 10,000: medium (a threshold belongs to the upper band).
	"B": {"received": 600, "admissible": 500, "closed": 400, "founded": 100, "partly_founded": 0,
		"ack_on_time": 450, "closed_on_time": 360, "activity_volume": 10000},
	// C: no activity volume; 12 received (below 50: small); 9 admissible and
	// 8 closed are below the small-n threshold of 10.
	"C": {"received": 12, "admissible": 9, "closed": 8, "founded": 1, "partly_founded": 1,
		"ack_on_time": 9, "closed_on_time": 8},
	// D: no activity volume; exactly 500 received: large.
	"D": {"received": 500, "admissible": 400, "closed": 300, "founded": 30, "partly_founded": 30,
		"ack_on_time": 300, "closed_on_time": 240},
}

func settings() Settings {
	return Settings{
		SmallN:       10,
		BandVolume:   Bands{Medium: 10000, Large: 100000},
		BandReceived: Bands{Medium: 50, Large: 500},
		Targets: []Target{
			{Rate: "closed_on_time_share", Year: 0, Direction: AtLeast, Value: 95, Margin: 5},
			{Rate: "closed_on_time_share", Year: 2024, Direction: AtLeast, Value: 85, Margin: 2},
			{Rate: "founded_share", Year: 0, Direction: AtMost, Value: 30, Margin: 5},
		},
	}
}

func TestRatesByHand(t *testing.T) {
	nan := math.NaN()
	type want struct {
		value, num, den float64
		small           bool
	}
	cases := map[string]map[string]want{
		"admissible_share": {
			"A": {75, 30, 40, false}, "B": {100 * 500.0 / 600, 500, 600, false},
			"C": {75, 9, 12, false}, "D": {80, 400, 500, false}},
		"founded_share": {
			"A": {40, 8, 20, false}, "B": {25, 100, 400, false},
			"C": {25, 2, 8, true}, "D": {20, 60, 300, false}},
		"ack_on_time_share": {
			"A": {90, 27, 30, false}, "B": {90, 450, 500, false},
			"C": {100, 9, 9, true}, "D": {75, 300, 400, false}},
		"closed_on_time_share": {
			"A": {95, 19, 20, false}, "B": {90, 360, 400, false},
			"C": {100, 8, 8, true}, "D": {80, 240, 300, false}},
		// received / activity_volume × 1000; C and D state no activity volume.
		"complaints_per_1000": {
			"A": {5, 40, 8000, false}, "B": {60, 600, 10000, false},
			"C": {nan, 0, 0, false}, "D": {nan, 0, 0, false}},
		"founded_per_1000": {
			"A": {1, 8, 8000, false}, "B": {10, 100, 10000, false},
			"C": {nan, 0, 0, false}, "D": {nan, 0, 0, false}},
	}
	s := settings()
	for code, orgs := range cases {
		r, ok := Find(code)
		if !ok {
			t.Fatalf("no rate %s", code)
		}
		for org, w := range orgs {
			got := r.Of(network[org], s.SmallN)
			if math.IsNaN(w.value) {
				if got.OK() {
					t.Errorf("%s %s = %v, want none (no activity volume)", code, org, got.Value)
				}
				continue
			}
			if math.Abs(got.Value-w.value) > 1e-9 || got.SmallN != w.small {
				t.Errorf("%s %s = %v (small n %v), want %v (small n %v)", code, org, got.Value, got.SmallN, w.value, w.small)
			}
			if !w.small && (got.Numerator != w.num || got.Denominator != w.den) {
				t.Errorf("%s %s = %v / %v, want %v / %v", code, org, got.Numerator, got.Denominator, w.num, w.den)
			}
		}
	}
}

func TestMediansLeaveOutSmallNumbers(t *testing.T) {
	s := settings()
	r, _ := Find("closed_on_time_share")
	y := s.ComputeYear(r, network)
	// A 95, B 90, D 80 count; C (100 on 8 closed) does not.
	if y.Network != 90 {
		t.Errorf("network median %v, want 90 (C's 100 on 8 cases left out)", y.Network)
	}
	wantBands := map[string]string{"A": BandSmall, "B": BandMedium, "C": BandSmall, "D": BandLarge}
	for org, b := range wantBands {
		if y.Bands[org] != b {
			t.Errorf("%s in band %q, want %q", org, y.Bands[org], b)
		}
	}
	// Small: A only (C is small n); medium: B; large: D.
	if y.ByBand[BandSmall] != 95 || y.ByBand[BandMedium] != 90 || y.ByBand[BandLarge] != 80 {
		t.Errorf("band medians %v, want small 95, medium 90, large 80", y.ByBand)
	}
	per, _ := Find("complaints_per_1000")
	if py := s.ComputeYear(per, network); py.Network != 32.5 || !math.IsNaN(py.ByBand[BandLarge]) {
		t.Errorf("complaints per 1000: network median %v (want (5+60)/2), large %v (want none)", py.Network, py.ByBand[BandLarge])
	}
}

func TestBandBoundaries(t *testing.T) {
	s := settings()
	cases := []struct {
		values map[string]float64
		want   string
	}{
		{map[string]float64{"activity_volume": 9999, "received": 10000}, BandSmall}, // the volume decides
		{map[string]float64{"activity_volume": 10000}, BandMedium},
		{map[string]float64{"activity_volume": 99999.5}, BandMedium},
		{map[string]float64{"activity_volume": 100000}, BandLarge},
		{map[string]float64{"received": 49}, BandSmall},
		{map[string]float64{"received": 50}, BandMedium},
		{map[string]float64{"received": 500}, BandLarge},
		{map[string]float64{"admissible": 3}, ""},
	}
	for _, c := range cases {
		if got := s.Band(c.values); got != c.want {
			t.Errorf("band of %v = %q, want %q", c.values, got, c.want)
		}
	}
}

func TestTargets(t *testing.T) {
	s := settings()
	cases := []struct {
		rate  string
		year  int
		value float64
		small bool
		want  string
	}{
		{"closed_on_time_share", 2023, 95, false, StateMet},   // exactly the target
		{"closed_on_time_share", 2023, 90, false, StateClose}, // 5 points under, margin 5
		{"closed_on_time_share", 2023, 89.9, false, StateMissed},
		{"closed_on_time_share", 2024, 90, false, StateMet},      // the year's own target: 85
		{"closed_on_time_share", 2024, 82.5, false, StateMissed}, // 2.5 under, margin 2
		{"closed_on_time_share", 2024, 83, false, StateClose},
		{"founded_share", 2024, 25, false, StateMet}, // at most 30
		{"founded_share", 2024, 33, false, StateClose},
		{"founded_share", 2024, 40, false, StateMissed},
		{"closed_on_time_share", 2023, 100, true, ""}, // too few cases to judge
		{"ack_on_time_share", 2023, 50, false, ""},    // no target
	}
	for _, c := range cases {
		got := s.StateOf(c.rate, c.year, Result{Value: c.value, SmallN: c.small})
		if got != c.want {
			t.Errorf("%s %d %v (small %v): %q, want %q", c.rate, c.year, c.value, c.small, got, c.want)
		}
	}
}
