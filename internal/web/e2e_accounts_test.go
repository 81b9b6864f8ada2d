package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestBrowserSubmitReviewPublish is the workflow in a real browser: an
// agency signs in, uploads a file, previews and confirms it; the
// coordinator signs in and approves it; the public page shows the figure.
func TestBrowserSubmitReviewPublish(t *testing.T) {
	srv, st := newTestServer(t)
	newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", true)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	ctx, base, _ := browserOn(t, srv)
	// JUST did not report 2024 in the fixture; 432 complaints is its new figure.
	file := filepath.Join(t.TempDir(), "klachten_2024.csv")
	if err := os.WriteFile(file, longCSV(consistentObservations("JUST", 2024, 432)), 0o644); err != nil {
		t.Fatal(err)
	}
	b := browserSteps{t: t, ctx: ctx, base: base}
	step, text := b.step, b.text
	login := func(email string) {
		t.Helper()
		step("login form "+email, chromedp.Navigate(base+"/login?lang=en"), chromedp.WaitVisible(chromedp.CSS("#email")))
		if email == "agency@just.example" {
			screenshot(t, ctx, "accounts_login")
		}
		step("sign in "+email,
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), "password-"+email),
			chromedp.Click(chromedp.CSS("form.stacked button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("form.logout")))
	}

	login("agency@just.example")
	step("upload form", chromedp.Navigate(base+"/submissions/new"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("form.stacked button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#preview-values")))
	if got := text("#preview-organisation"); !strings.Contains(got, "JUST") {
		t.Errorf("preview organisation %q", got)
	}
	if got := text("#preview-values tbody tr:first-child"); !strings.Contains(got, "432") || !strings.Contains(got, "2024") {
		t.Errorf("preview first row %q", got)
	}
	screenshot(t, ctx, "accounts_preview")
	step("confirm", confirmUpload(base)...)
	if got := text("#submissions tbody tr:first-child"); !strings.Contains(got, "Submitted") || !strings.Contains(got, "klachten_2024.csv") {
		t.Errorf("own list first row %q", got)
	}
	step("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	login("coord@example.be")
	if got := text("#inbox tbody tr:first-child"); !strings.Contains(got, "klachten_2024.csv") {
		t.Fatalf("inbox first row %q", got)
	}
	screenshot(t, ctx, "accounts_inbox")
	step("approve", chromedp.Click(chromedp.CSS("#inbox button.approve")), chromedp.WaitVisible(chromedp.CSS("#inbox-empty")))
	step("matrix", chromedp.Navigate(base+"/review/completeness?from=2022&to=2024&lang=en"), chromedp.WaitVisible(chromedp.CSS("#completeness")))
	screenshot(t, ctx, "accounts_matrix")
	if got := text(`#completeness a[href="/organisations/JUST"]`); got != "FPS Justice" {
		t.Errorf("matrix row %q", got)
	}

	step("public page", chromedp.Navigate(base+"/organisations/JUST?lang=en"), chromedp.WaitVisible(chromedp.CSS("h1")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "432") {
		t.Error("the public profile of JUST does not show the approved 432")
	}
	if nr, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#not-reported")||{}).textContent||""`)); strings.Contains(nr, "2024") {
		t.Errorf("JUST still shows 2024 as not reported: %q", nr)
	}

}
