package figures

import (
	"math"
	"testing"

	"github.com/fcmn/infocentre/dashboards"
)

// TestPooled: a rate over several administrations is the sum of numerators
// over the sum of denominators, from those reporting every term only.
func TestPooled(t *testing.T) {
	share := Derived[0] // admissible_share: admissible / received
	count := Measure{Code: "received", Unit: dashboards.UnitCount, Terms: []string{"received"}}
	tests := []struct {
		name string
		m    Measure
		orgs []map[string]float64
		want float64
	}{
		{"count summed", count, []map[string]float64{{"received": 10}, {"received": 5}}, 15},
		{"rate pooled, not averaged", share, []map[string]float64{
			{"admissible": 1, "received": 10}, {"admissible": 9, "received": 10}}, 50},
		{"a missing term leaves the administration out", share, []map[string]float64{
			{"admissible": 5, "received": 10}, {"received": 90}}, 50},
		{"none reporting", share, nil, math.NaN()},
	}
	if share.Code != "admissible_share" {
		t.Fatalf("Derived[0] is %s, want admissible_share", share.Code)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Pooled(tt.m, tt.orgs)
			if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
				t.Errorf("Pooled = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestQueryLinks: the XLSX link names the rates, the CSV link does not.
func TestQueryLinks(t *testing.T) {
	q := Query{Years: []int{2024}, Organisations: []string{"FIN"}, Indicators: []string{"received"}, Rates: []string{"admissible_share"}}
	csv, xlsx := q.Links("nl")
	if want := "/extract.csv?indicator=received&lang=nl&organisation=FIN&year=2024"; csv != want {
		t.Errorf("csv = %q, want %q", csv, want)
	}
	if want := "/extract.xlsx?indicator=received&lang=nl&organisation=FIN&rate=admissible_share&year=2024"; xlsx != want {
		t.Errorf("xlsx = %q, want %q", xlsx, want)
	}
}
