package web

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// smallAdministration publishes BOSA's 2024 figures: 8 complaints closed,
// under the default small-n threshold of 10.
func smallAdministration(t *testing.T) []domain.Observation {
	t.Helper()
	var out []domain.Observation
	for ind, v := range map[string]float64{"received": 12, "admissible": 9, "inadmissible": 3, "closed": 8, "open_end_of_year": 1,
		"founded": 1, "partly_founded": 1, "unfounded": 6, "ack_on_time": 9, "closed_on_time": 8} {
		out = append(out, domain.Observation{Organisation: "BOSA", Year: 2024, Indicator: ind, Value: v})
	}
	return out
}

func TestAPIRates(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	importApproved(t, st, "fin-volume.csv", []domain.Observation{{Organisation: "FIN", Year: 2024, Indicator: "activity_volume", Value: 60000}})
	h := srv.Handler()

	rec := get(t, h, "/api/v1/rates?year=2024&rate=closed_on_time_share&organisation=RSZ&organisation=BOSA")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	// BOSA: 8 of 8 closed on time, on fewer than 10: small n, not judged.
	// RSZ (fixture): 100 received, 50 admissible, 5 open, 45 closed,
	// round(45 × 0.7) on time: 31 (0.7 is a hair under 7/10 in binary, so
	// 31.4999…): 68.9 %, more than 5 points under 95.
	if len(got) != 2 {
		t.Fatalf("%d values, want 2: %s", len(got), rec.Body)
	}
	bosa, rsz := got[0], got[1]
	if bosa["organisation"] != "BOSA" || bosa["year"] != 2024.0 || bosa["rate"] != "closed_on_time_share" ||
		bosa["value"] != 100.0 || bosa["numerator"] != 8.0 || bosa["denominator"] != 8.0 ||
		bosa["small_n"] != true || bosa["target_state"] != nil {
		t.Errorf("BOSA %v", bosa)
	}
	if v, _ := rsz["value"].(float64); rsz["organisation"] != "RSZ" || math.Abs(v-3100.0/45) > 1e-9 ||
		rsz["numerator"] != 31.0 || rsz["denominator"] != 45.0 || rsz["small_n"] != false || rsz["target_state"] != "missed" {
		t.Errorf("RSZ %v", rsz)
	}

	// Per 1,000: only FIN reports an activity volume: 1,200 / 60,000 × 1,000.
	rec = get(t, h, "/api/v1/rates?year=2024&rate=complaints_per_1000")
	got = nil
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["organisation"] != "FIN" || got[0]["value"] != 20.0 || got[0]["denominator"] != 60000.0 {
		t.Errorf("complaints per 1000: %s", rec.Body)
	}
	for target, status := range map[string]int{
		"/api/v1/rates?year=2024":                               400,
		"/api/v1/rates?year=2024&rate=received_per_day":         404,
		"/api/v1/rates?year=x&rate=founded_share":               400,
		"/api/v1/rates?rate=founded_share&organisation=NOWHERE": 404,
	} {
		if rec := get(t, h, target); rec.Code != status {
			t.Errorf("%s: %d, want %d", target, rec.Code, status)
		}
	}
}
