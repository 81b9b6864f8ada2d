package web

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/htmltest"
)

// TestScorecard: administrations × rates with their state, as a page and
// as a workbook with the same cells.
func TestScorecard(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	h := srv.Handler()
	page := htmltest.Parse(t, get(t, h, "/scorecard?year=2024&lang=nl").Body.String())
	// The columns are the six rates, in the order of internal/rates; closed
	// on time is the fourth.
	cell := func(org string, i int) htmltest.Element {
		cells := page.Find("tr[data-organisation=" + org + "]").All("td.num")
		if len(cells) != 6 {
			t.Fatalf("%d rate cells for %s", len(cells), org)
		}
		return cells[i]
	}
	if c := cell("RSZ", 3); !strings.Contains(c.Text(), "68,9\u00a0%") || !slices.Equal(c.Texts("span.target-missed"), []string{"niet gehaald"}) {
		t.Errorf("RSZ closed on time: %s", c)
	}
	if c := cell("BOSA", 3); !c.HasClass("small-n") || !strings.Contains(c.Text(), "(n = 8)") || len(c.All("[class*=target-]")) > 0 {
		t.Errorf("BOSA closed on time: %s", c)
	}
	// No activity volume: the rates per 1,000 are a dash.
	if c := cell("RSZ", 4); c.Text() != "–" {
		t.Errorf("RSZ complaints per 1000: %s", c)
	}
	if !strings.Contains(page.Text(), "Streefwaarde: ≥ 95,0\u00a0%") {
		t.Error("no target in the header")
	}

	rec := get(t, h, "/scorecard.xlsx?year=2024&lang=en")
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "scorecard_2024.xlsx") {
		t.Fatalf("status %d, %v", rec.Code, rec.Header())
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Scorecard")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 1 && r[1] == "RSZ" {
			found = true
			// organisation, code, band, then (value, state) per rate.
			if r[2] != "medium" || r[3+2*3] != "68.9\u00a0%" || r[4+2*3] != "missed" {
				t.Errorf("RSZ row %q", r)
			}
		}
	}
	if !found || rows[1][0] != "Target" {
		t.Errorf("rows %q", rows[:2])
	}
}
