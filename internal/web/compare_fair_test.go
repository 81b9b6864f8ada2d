package web

import (
	"slices"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/htmltest"
)

// TestCompareFair: on /compare of a rate, a value on fewer cases than the
// small-n threshold is greyed with its n and left out of the bars and the
// median; each administration shows its size band, the median of its
// peers and its state against the target, which the chart draws as a line.
func TestCompareFair(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	h := srv.Handler()
	rec := get(t, h, "/compare?indicator=closed_on_time_share&year=2024&lang=en")
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	page := htmltest.Parse(t, rec.Body.String())
	row := func(org string) htmltest.Element {
		return page.Find(`tr th[scope=row] a[href="/organisations/` + org + `"]`).Closest("tr")
	}
	// BOSA: 8 of 8 closed, under 10: greyed, with its n, not judged.
	bosa := row("BOSA")
	if !bosa.HasClass("small-n") || !strings.Contains(bosa.Text(), "100.0\u00a0% (n = 8)") || !slices.Contains(bosa.Texts("td"), "small") {
		t.Errorf("BOSA row is not greyed with its n and its band: %s", bosa)
	}
	if len(bosa.All("[class*=target-]")) > 0 {
		t.Errorf("a small n was judged: %s", bosa)
	}
	// RSZ: 100 received, medium by received (50 to 500) and alone there: its
	// peer median is its own 31 / 45 = 68.9 %, missed (more than 5 points
	// under 95).
	rsz := row("RSZ")
	if strings.Count(rsz.Text(), "68.9\u00a0%") != 2 || !slices.Contains(rsz.Texts("td"), "medium") ||
		!slices.Contains(rsz.Texts("td.num.target-missed"), "missed") || rsz.HasClass("small-n") || len(rsz.All(".small-n")) > 0 {
		t.Errorf("RSZ row: %s", rsz)
	}
	// The chart: BOSA is not a bar, the target is a line.
	chart := page.Find("[data-option]").Attr("data-option")
	if strings.Contains(chart, "FPS Policy and Support") {
		t.Error("the small-n administration is ranked in the chart")
	}
	if !strings.Contains(chart, "Target: ≥ 95.0") {
		t.Errorf("no target line in the chart option: %.400s", chart)
	}
	// One administration chosen: its peers' median is drawn too.
	rec = get(t, h, "/compare?indicator=closed_on_time_share&year=2024&organisation=RSZ&lang=fr")
	if !strings.Contains(rec.Body.String(), "Médiane des pairs : 68,9") && !strings.Contains(rec.Body.String(), "Médiane des pairs: 68,9") {
		t.Errorf("no peer median line for RSZ alone")
	}
}
