package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestBrowserSelfAssessment is the criteria workflow in a real browser: an
// agency fills in and submits its 14 criteria, the coordinator validates,
// and the public matrix shows them.
func TestBrowserSelfAssessment(t *testing.T) {
	srv, st := newTestServer(t)
	newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", true)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	ctx, base, _ := browserOn(t, srv)
	b := browserSteps{t: t, ctx: ctx, base: base}
	step, text, login := b.step, b.text, b.login

	login("agency@fin.example")
	step("form", chromedp.Navigate(base+"/criteria/assessment?year=2024&lang=en"), chromedp.WaitVisible(chromedp.CSS("#assessment-form")))
	// Criteria 1-13 met, 14 partly met.
	for n := 1; n <= 14; n++ {
		state := "met"
		if n == 14 {
			state = "partly"
		}
		step("answer", chromedp.Click(chromedp.CSS(`input[name="state-`+strconv.Itoa(n)+`"][value="`+state+`"]`)))
	}
	step("evidence", chromedp.SendKeys(chromedp.CSS("#evidence-8"), "https://fin.example/klachten"))
	screenshot(t, ctx, "criteria_form")
	step("submit", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#readonly")))
	if got := text("#assessment-status"); got != "Submitted" {
		t.Fatalf("status after submitting %q", got)
	}
	step("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	login("coord@example.be")
	step("inbox", chromedp.Navigate(base+"/criteria/review?lang=en"), chromedp.WaitVisible(chromedp.CSS("#assessment-inbox")))
	step("open", chromedp.Click(chromedp.CSS(`#assessment-inbox tr[data-org="FIN"] a.open`)), chromedp.WaitVisible(chromedp.CSS("#validate")))
	if got := text("#met-count"); got != "13" {
		t.Errorf("the coordinator sees %q criteria met, want 13", got)
	}
	screenshot(t, ctx, "criteria_review")
	step("validate", chromedp.Click(chromedp.CSS("#validate")), chromedp.WaitVisible(chromedp.CSS("#assessment-inbox-empty")))

	step("matrix", chromedp.Navigate(base+"/criteria?year=2024&lang=en"), chromedp.WaitVisible(chromedp.CSS("#criteria-matrix")))
	screenshot(t, ctx, "criteria_matrix")
	if got := text(`#criteria-matrix tr[data-org="FIN"] .met-count`); got != "13" {
		t.Errorf("the matrix shows %q criteria met for FIN, want 13", got)
	}
	if got := text(`#criteria-matrix tr[data-org="FIN"] td[data-criterion="14"]`); !strings.Contains(got, "Partly") {
		t.Errorf("criterion 14 of FIN shows %q, want Partly", got)
	}
	if got := text(`#criteria-counts tr[data-criterion="14"] td:nth-of-type(2)`); got != "1" {
		t.Errorf("criterion 14 is partly met by %q administrations, want 1", got)
	}
	step("profile", chromedp.Navigate(base+"/organisations/FIN?lang=en"), chromedp.WaitVisible(chromedp.CSS("#profile-criteria")))
	if got := text(`#profile-criteria tr[data-criterion="13"]`); !strings.Contains(got, "Met") {
		t.Errorf("the profile shows criterion 13 as %q", got)
	}
}
