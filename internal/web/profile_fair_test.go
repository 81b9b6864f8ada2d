package web

import (
	"slices"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/htmltest"
)

// TestProfileFair: a profile shows, for its rates, the median of its size
// band beside the network median, a small n greyed with its n, and the
// targets with their state.
func TestProfileFair(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	h := srv.Handler()
	// closedOnTime is the row of the targets table for closed on time.
	closedOnTime := func(page *htmltest.Page) htmltest.Element {
		t.Helper()
		for _, r := range page.Find(`[aria-label="Data behind the chart: Targets"] table`).All("tr") {
			if slices.Equal(r.Texts("th[scope=row]"), []string{"Closed on time (share)"}) {
				return r
			}
		}
		t.Fatal("no row for closed on time in the targets table")
		return htmltest.Element{}
	}
	page := htmltest.Parse(t, get(t, h, "/organisations/BOSA?lang=en").Body.String())
	// BOSA 2024: 8 of 8 closed on time: 100 % on 8 cases, greyed, not judged.
	row := closedOnTime(page)
	if !row.HasClass("small-n") || !strings.Contains(row.Text(), "100.0\u00a0% (n = 8)") ||
		!strings.Contains(row.Text(), "Target: ≥ 95.0\u00a0%") || len(row.All("[class*=target-]")) > 0 {
		t.Errorf("closed on time row: %s", row)
	}
	// Peer median rows in the table of every measure.
	if !page.HasText("th", "Peer median") {
		t.Error("no peer median row")
	}
	// RSZ: 68.9 %, missed, alone in its band: its peer median is its own.
	row = closedOnTime(htmltest.Parse(t, get(t, h, "/organisations/RSZ?lang=en").Body.String()))
	if !slices.Contains(row.Texts("td"), "2024") || !strings.Contains(row.Text(), "68.9\u00a0%") || !slices.Contains(row.Texts("td.num.target-missed"), "missed") {
		t.Errorf("RSZ closed on time: %s", row)
	}
}
