package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestBrowserRegisterReviewPublish is a register's way in a real browser:
// an agency uploads its complaint register, sees what was computed; the
// coordinator approves the register's submission in the inbox; the public
// pages show the received complaints counted from the register.
func TestBrowserRegisterReviewPublish(t *testing.T) {
	srv, st := newTestServer(t)
	newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", true)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	ctx, base, _ := browserOn(t, srv)
	// JUST did not report 2024 in the fixture: its register of 517
	// complaints is its first figure for that year.
	file := filepath.Join(t.TempDir(), "klachtenregister_2024.csv")
	if err := os.WriteFile(file, registerCSV("JUST", 2024, 517), 0o644); err != nil {
		t.Fatal(err)
	}
	b := browserSteps{t: t, ctx: ctx, base: base}
	step, text, login := b.step, b.text, b.login

	login("agency@just.example")
	step("upload page", chromedp.Navigate(base+"/submissions/new"), chromedp.Click(chromedp.CSS("#register-link")),
		chromedp.WaitVisible(chromedp.CSS("#register-upload")))
	step("upload register", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("#register-upload")), chromedp.WaitVisible(chromedp.CSS("#register-status")))
	if got := text("#register-status"); !strings.Contains(got, "submitted") {
		t.Errorf("status %q", got)
	}
	if got := text("#register-rows"); got != "517" {
		t.Errorf("rows %q, want 517", got)
	}
	if got := text(`#register-values tr[data-indicator="received"]`); !strings.Contains(got, "517") || !strings.Contains(got, "2024") {
		t.Errorf("computed received %q", got)
	}
	screenshot(t, ctx, "register_report")
	step("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	login("coord@example.be")
	if got := text("#inbox tbody tr:first-child"); !strings.Contains(got, "Complaint register") || !strings.Contains(got, "klachtenregister_2024.csv") {
		t.Fatalf("inbox first row %q", got)
	}
	step("approve", chromedp.Click(chromedp.CSS("#inbox button.approve")), chromedp.WaitVisible(chromedp.CSS("#inbox-empty")))

	for _, page := range []string{"/compare?indicator=received&year=2024&lang=en", "/organisations/JUST?lang=en"} {
		step("public "+page, chromedp.Navigate(base+page), chromedp.WaitVisible(chromedp.CSS("h1")))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, "517") {
			t.Errorf("%s does not show the 517 complaints of the approved register", page)
		}
	}
}
