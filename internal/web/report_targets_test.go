package web

import (
	"regexp"
	"strings"
	"testing"
)

// TestReportTargets: the network report has a chapter on the targets, each
// administration's rate with met / close / missed in words and colour, and
// a small n shown with its n, not judged.
func TestReportTargets(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	body := get(t, srv.Handler(), "/reports/network?year=2024&lang=fr").Body.String()
	sec := regexp.MustCompile(`(?s)<section[^>]*id="targets".*?</section>`).FindString(body)
	if sec == "" {
		t.Fatal("no targets section")
	}
	rsz := regexp.MustCompile(`(?s)<tr data-key="RSZ">.*?</tr>`).FindString(sec)
	// Columns: acknowledged on time, closed on time (the two default targets).
	if !strings.Contains(rsz, `data-value="68.88888888888889">68,9`+"\u00a0%<") || !strings.Contains(rsz, `<td class="target-missed">non atteint</td>`) {
		t.Errorf("RSZ row: %s", rsz)
	}
	bosa := regexp.MustCompile(`(?s)<tr data-key="BOSA">.*?</tr>`).FindString(sec)
	if !strings.Contains(bosa, `class="num small-n">100,0`+"\u00a0% (n = 8)<") || strings.Contains(bosa, "target-") {
		t.Errorf("BOSA row: %s", bosa)
	}
	if strings.Contains(sec, `data-key="JUST"`) {
		t.Error("JUST did not report 2024 and has a row")
	}
}

// TestLetterTargets: an administration's letter has the targets chapter
// with its own row only.
func TestLetterTargets(t *testing.T) {
	srv, _ := newTestServer(t)
	body := get(t, srv.Handler(), "/reports/organisations/RSZ?year=2024&lang=nl").Body.String()
	sec := regexp.MustCompile(`(?s)<section[^>]*id="targets".*?</section>`).FindString(body)
	if strings.Count(sec, "<tr data-key=") != 1 || !strings.Contains(sec, `<tr data-key="RSZ">`) ||
		!strings.Contains(sec, `<td class="target-missed">niet gehaald</td>`) {
		t.Errorf("letter targets: %s", sec)
	}
}
