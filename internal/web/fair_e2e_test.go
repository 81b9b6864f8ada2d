package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestBrowserFairCompare: the coordinator sets a target for the 2024
// closed-on-time share in /admin/fair; the public compare page then draws
// it as a line on the chart, shows each administration's peer median, and
// greys the value that rests on too few complaints.
func TestBrowserFairCompare(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	ctx, base, _ := browserOn(t, srv)
	b := browserSteps{t: t, ctx: ctx, base: base}
	b.login("coord@example.be")
	b.step("set a target", chromedp.Navigate(base+"/admin/fair?lang=en"), chromedp.WaitVisible(chromedp.CSS("#fair-target")),
		chromedp.SetValue(chromedp.CSS("#target-rate"), "closed_on_time_share"),
		chromedp.SendKeys(chromedp.CSS("#target-year"), "2024"),
		chromedp.SendKeys(chromedp.CSS("#target-value"), "70"),
		chromedp.Clear(chromedp.CSS("#target-margin")),
		chromedp.SendKeys(chromedp.CSS("#target-margin"), "2"),
		chromedp.Click(chromedp.CSS("#fair-target button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#saved")))
	if got := b.text(`#target-list tr[data-rate="closed_on_time_share"][data-year="2024"]`); !strings.Contains(got, "≥ 70.0") {
		t.Fatalf("the new target reads %q", got)
	}

	b.step("compare", chromedp.Navigate(base+"/compare?indicator=closed_on_time_share&year=2024&lang=en"),
		chromedp.WaitVisible(chromedp.CSS("#compare-chart canvas")))
	// The target line, as echarts holds it after rendering.
	lines, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
		var chart = echarts.getInstanceByDom(document.getElementById("compare-chart"));
		var out = [];
		chart.getOption().series.forEach(function (s) {
			((s.markLine || {}).data || []).forEach(function (d) { out.push(d.name + "=" + d.xAxis); });
		});
		return out;
	})()`))
	if err != nil {
		t.Fatalf("read the chart's lines: %v", err)
	}
	if !strings.Contains(strings.Join(lines, "|"), "Target: ≥ 70.0\u00a0%=70") {
		t.Errorf("chart lines %q, want the target at 70", lines)
	}
	// Peer median: RSZ is alone in the medium band, so it is its own value;
	// 68.9 % is 1.1 points under the new target of 70, within the margin
	// of 2: close.
	rsz := b.text(`#compare-chart ~ .table-wrap tr:has(a[href="/organisations/RSZ"])`)
	if strings.Count(rsz, "68.9") != 2 || !strings.Contains(rsz, "medium") || !strings.Contains(rsz, "close") {
		t.Errorf("RSZ row %q: want its value, its band, its peer median (its own value) and close", rsz)
	}
	if head := b.text(`#compare-chart ~ .table-wrap thead`); !strings.Contains(head, "Peer median") {
		t.Errorf("table head %q", head)
	}
	// BOSA: 8 closed complaints, under 10: greyed, with its n.
	bosa := b.text(`tr.small-n`)
	if !strings.Contains(bosa, "FPS Policy and Support") || !strings.Contains(bosa, "(n = 8)") {
		t.Errorf("small-n row %q", bosa)
	}
	colour, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("tr.small-n td")).color`))
	if err != nil {
		t.Fatal(err)
	}
	normal, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("tr:has(a[href='/organisations/RSZ']) td")).color`))
	if err != nil {
		t.Fatal(err)
	}
	if colour != "rgb(107, 107, 107)" || colour == normal {
		t.Errorf("small-n cells are %s, others %s: want grey", colour, normal)
	}
}
