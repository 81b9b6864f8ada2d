package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestBrowserAddOrganisationThenImport: the coordinator adds an
// administration in /admin/organisations; at once, with no restart, a file
// naming it only in its title line is read as that administration's, and a
// name already used by another administration is refused.
func TestBrowserAddOrganisationThenImport(t *testing.T) {
	srv, st := newTestServer(t)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	ctx, base, _ := browserOn(t, srv)
	file := filepath.Join(t.TempDir(), "klachtenoverzicht.csv")
	csv := "Organisatie : SPF Transformation numérique\n\nIndicator;2024\nOntvangen klachten;15\nOntvankelijke klachten;11\nOnontvankelijke klachten;4\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	b := browserSteps{t: t, ctx: ctx, base: base}
	step, text := b.step, b.text
	b.login("coord@example.be")
	add := func(code, nameNL, nameFR string) {
		step("add "+code, chromedp.Navigate(base+"/admin/organisations?lang=en"), chromedp.WaitVisible(chromedp.CSS("#org-add")),
			chromedp.SendKeys(chromedp.CSS("#org-code"), code),
			chromedp.SendKeys(chromedp.CSS("#org-name-nl"), nameNL),
			chromedp.SendKeys(chromedp.CSS("#org-name-fr"), nameFR),
			chromedp.SendKeys(chromedp.CSS("#org-name-en"), "FPS Digital Transformation "+code),
			chromedp.SendKeys(chromedp.CSS("#org-abbrev"), "DigiFed"+code),
			chromedp.SendKeys(chromedp.CSS("#org-from"), "2024"),
			chromedp.Click(chromedp.CSS("#org-add button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("p.notice, #refused")))
	}
	add("DIGI", "FOD Digitale Transformatie", "SPF Transformation numérique")
	if got := text(`#organisations tr[data-code="DIGI"]`); !strings.Contains(got, "2024–") || !strings.Contains(got, "DigiFedDIGI") {
		t.Errorf("the new administration's row reads %q", got)
	}
	add("DIGI2", "Een andere dienst", "SPF Finances")
	if got := text("#refused"); !strings.Contains(got, "FIN") {
		t.Errorf("a name of FIN was not refused with a reason naming FIN: %q", got)
	}
	step("upload", chromedp.Navigate(base+"/submissions/new?lang=en"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("form.stacked button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#preview-values")))
	if got := text("#preview-organisation"); !strings.Contains(got, "(DIGI)") {
		t.Fatalf("preview organisation %q, want DIGI", got)
	}
	step("confirm", confirmUpload(base)...)
	if got := text("#submissions tbody tr:first-child"); !strings.Contains(got, "klachtenoverzicht.csv") {
		t.Errorf("submissions first row %q", got)
	}
	subs, err := st.Inbox(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sub := range subs {
		found = found || (sub.Organisation == "DIGI" && sub.Year == 2024 && sub.FileName == "klachtenoverzicht.csv")
	}
	if !found {
		t.Errorf("no DIGI 2024 submission among %+v", subs)
	}
	if log, err := st.AuditLog(t.Context(), "coord@example.be", "organisation_add", 10); err != nil || len(log) != 1 || log[0].Subject != "DIGI" {
		t.Errorf("audit of the addition: %+v, %v", log, err)
	}
}
