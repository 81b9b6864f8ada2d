package store

import (
	"context"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/fair"
	"github.com/fcmn/infocentre/internal/rates"
)

// fairNetwork publishes four administrations' 2024 figures, worked out by
// hand in the test below.
func fairNetwork(tb testing.TB, s *Store) {
	tb.Helper()
	mustImport(tb, s, importFile("fair.csv", domain.StatusApproved,
		obsOf(tb, "FIN", 2024, "received=40 admissible=30 inadmissible=10 closed=20 founded=5 partly_founded=3 unfounded=12 ack_on_time=27 closed_on_time=19 activity_volume=8000"),
		obsOf(tb, "JUST", 2024, "received=600 admissible=500 inadmissible=100 closed=400 founded=100 partly_founded=0 unfounded=300 ack_on_time=450 closed_on_time=360 activity_volume=10000"),
		obsOf(tb, "SOCSEC", 2024, "received=12 admissible=9 inadmissible=3 closed=8 founded=1 partly_founded=1 unfounded=6 ack_on_time=9 closed_on_time=8"),
		obsOf(tb, "BOSA", 2024, "received=500 admissible=400 inadmissible=100 closed=300 founded=30 partly_founded=30 unfounded=240 ack_on_time=300 closed_on_time=240"),
	))
}

func TestRatesFromPublishedFigures(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	fairNetwork(t, s)
	coord := domain.AuditEntry{Actor: "coord@example.be"}
	if err := s.SetActivityUnit(ctx, coord, "FIN", "files"); err != nil {
		t.Fatal(err)
	}
	r, _ := rates.Find("closed_on_time_share")
	got, err := s.Rates(ctx, 2024, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Default target (migration 009): at least 95 %, close within 5 points.
	// FIN 19/20 = 95 met; JUST 360/400 = 90 close; SOCSEC 8/8 on 8 closed,
	// under 10: small n, not judged; BOSA 240/300 = 80 missed.
	want := map[string]struct {
		value, num, den float64
		small           bool
		state           string
		band            string
	}{
		"FIN":    {95, 19, 20, false, "met", "small"},
		"JUST":   {90, 360, 400, false, "close", "medium"},
		"SOCSEC": {100, 8, 8, true, "", "small"},
		"BOSA":   {80, 240, 300, false, "missed", "large"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d: %+v", len(got), len(want), got)
	}
	for _, v := range got {
		w := want[v.Organisation]
		state := ""
		if v.TargetState != nil {
			state = *v.TargetState
		}
		if v.Value != w.value || v.Numerator != w.num || v.Denominator != w.den || v.SmallN != w.small || state != w.state || v.Band != w.band {
			t.Errorf("%s: %+v (state %q), want %+v", v.Organisation, v, state, w)
		}
	}

	// Per 1,000: only FIN and JUST report an activity volume.
	per, _ := rates.Find("complaints_per_1000")
	got, err = s.Rates(ctx, 2024, per, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Organisation != "FIN" || got[0].Value != 5 || got[0].ActivityUnit != "files" ||
		got[1].Organisation != "JUST" || got[1].Value != 60 || got[1].ActivityUnit != "" {
		t.Errorf("complaints per 1000: %+v, want FIN 5 (files) and JUST 60", got)
	}

	// The coordinator lowers the small-n threshold to 8 and sets a 2024
	// target of 85 with a margin of 2: SOCSEC's 8 closed now count.
	before, _ := s.DataVersion(ctx)
	eight, ten := 8.0, 10.0
	if err := s.WriteThresholds(ctx, coord, map[string]float64{fair.SmallN: eight, fair.ReceivedMedium: ten}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTarget(ctx, coord, rates.Target{Rate: "closed_on_time_share", Year: 2024, Direction: rates.AtLeast, Value: 85, Margin: 2}); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.DataVersion(ctx); after == before {
		t.Error("a settings change left the data version as it was")
	}
	got, err = s.Rates(ctx, 2024, r, []string{"SOCSEC", "BOSA"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Organisation != "BOSA" || *got[0].TargetState != "missed" ||
		got[1].SmallN || got[1].TargetState == nil || *got[1].TargetState != "met" || got[1].Band != "medium" {
		t.Errorf("after the changes: %+v", got)
	}
	if err := s.DeleteTarget(ctx, coord, "closed_on_time_share", 2024); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTarget(ctx, coord, rates.Target{Rate: "nope", Direction: rates.AtLeast}); err == nil {
		t.Error("a target for an unknown rate was accepted")
	}
	if err := s.SetActivityUnit(ctx, coord, "FIN", "kilos"); err == nil {
		t.Error("an unknown unit was accepted")
	}
	st, err := s.FairSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.SmallN != 8 || st.BandReceived.Medium != 10 || len(st.Targets) != 2 || st.Units["FIN"] != "files" {
		t.Errorf("settings %+v", st)
	}
}
