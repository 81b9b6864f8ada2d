package web

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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

// TestExtractRates: the XLSX extract behind a rate's chart carries a sheet
// of the rate with the API's figures.
func TestExtractRates(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	h := srv.Handler()
	page := get(t, h, "/compare?indicator=closed_on_time_share&year=2024&lang=nl").Body.String()
	if !strings.Contains(page, "rate=closed_on_time_share") {
		t.Fatal("the chart's XLSX link does not ask for the rate")
	}
	rec := get(t, h, "/extract.xlsx?year=2024&organisation=RSZ&organisation=BOSA&indicator=closed&indicator=closed_on_time&rate=closed_on_time_share&lang=nl")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Verhoudingen")
	if err != nil {
		t.Fatal(err)
	}
	// Header, then BOSA (small n, not judged) and RSZ (31 / 45, niet gehaald).
	if len(rows) != 3 {
		t.Fatalf("rows %q", rows)
	}
	bosa, rsz := rows[1], rows[2]
	if bosa[0] != "BOSA" || bosa[6] != "8" || bosa[7] != "ja" || len(bosa) > 8 && bosa[8] != "" {
		t.Errorf("BOSA %q", bosa)
	}
	if v, _ := f.GetCellValue("Verhoudingen", "E3", excelize.Options{RawCellValue: true}); rsz[0] != "RSZ" || !strings.HasPrefix(v, "68.888") ||
		rsz[5] != "31" || rsz[6] != "45" || rsz[7] != "nee" || rsz[8] != "niet gehaald" || rsz[9] != "middelgroot" {
		t.Errorf("RSZ %q (value %s)", rsz, v)
	}
	if rec := get(t, h, "/extract.xlsx?rate=nope"); rec.Code != 400 {
		t.Errorf("an unknown rate: %d", rec.Code)
	}
}
