package web

import (
	"regexp"
	"strings"
	"testing"
)

// TestProfileFair: a profile shows, for its rates, the median of its size
// band beside the network median, a small n greyed with its n, and the
// targets with their state.
func TestProfileFair(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	h := srv.Handler()
	body := get(t, h, "/organisations/BOSA?lang=en").Body.String()
	// BOSA 2024: 8 of 8 closed on time: 100 % on 8 cases, greyed, not judged.
	targets := regexp.MustCompile(`(?s)<h2 id="targets">.*?</table>`).FindString(body)
	if targets == "" {
		t.Fatal("no targets table")
	}
	row := regexp.MustCompile(`<tr[^>]*><th scope="row">Closed on time \(share\)</th>.*?</tr>`).FindString(targets)
	if !strings.Contains(row, `class="small-n"`) || !strings.Contains(row, "100.0\u00a0% (n = 8)") ||
		!strings.Contains(row, "Target: ≥ 95.0\u00a0%") || strings.Contains(row, "target-") {
		t.Errorf("closed on time row: %s", row)
	}
	// Peer median rows in the table of every measure.
	if !strings.Contains(body, ">Peer median</th>") {
		t.Error("no peer median row")
	}
	// RSZ: 68.9 %, missed, alone in its band: its peer median is its own.
	body = get(t, h, "/organisations/RSZ?lang=en").Body.String()
	targets = regexp.MustCompile(`(?s)<h2 id="targets">.*?</table>`).FindString(body)
	row = regexp.MustCompile(`<tr[^>]*><th scope="row">Closed on time \(share\)</th>.*?</tr>`).FindString(targets)
	if !strings.Contains(row, ">2024<") || !strings.Contains(row, "68.9\u00a0%") || !strings.Contains(row, `class="num target-missed">missed<`) {
		t.Errorf("RSZ closed on time: %s", row)
	}
}
