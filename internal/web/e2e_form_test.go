package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestEntryFormByKeyboard fills the online form in Chromium with the
// keyboard alone (focus and key events: Tab between fields, Enter in a
// field, Enter or space on buttons; no click, no value set by script). It
// meets a breakdown that does not add up to its total, finds the focus on
// that field with the message tied to it, corrects it, saves a draft,
// leaves and comes back to the values it typed, submits through the
// preview and the confirmation, and the coordinator's review shows the
// submission as coming from the form.
func TestEntryFormByKeyboard(t *testing.T) {
	srv, st := newTestServer(t)
	agency := newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", true)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	ctx, base, _ := browserOn(t, srv)
	b := browserSteps{t: t, ctx: ctx, base: base}
	active := func() string {
		t.Helper()
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	// typeIn types into the focused field, which must be want.
	typeIn := func(want, keys string) {
		t.Helper()
		if got := active(); got != want {
			t.Fatalf("the focus is on %q, want %q", got, want)
		}
		b.step("type in "+want, chromedp.KeyEvent(keys))
	}
	tab := func(n int) {
		t.Helper()
		b.step("tab", chromedp.KeyEvent(strings.Repeat(kb.Tab, n)))
	}

	b.login(agency.Email)
	// The upload page's link to the form, followed with Enter.
	b.step("open the form from the upload page", chromedp.Navigate(base+"/submissions/new?lang=en"),
		chromedp.Focus(chromedp.CSS("#form-link")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#entry-form")))
	b.step("back to the form in English for 2025", chromedp.Navigate(base+"/submissions/form?year=2025&lang=en"),
		chromedp.WaitVisible(chromedp.CSS("#v-received")), chromedp.Focus(chromedp.CSS("#v-received")))
	typeIn("v-received", "1250")
	tab(2) // past the information requests
	typeIn("v-admissible", "1000")
	tab(1)
	typeIn("v-inadmissible", "250")
	tab(1)
	typeIn("v-by_channel-email", "625")
	tab(2) // past the web form
	typeIn("v-by_channel-letter", "375")
	// The phone's 250 is forgotten: the channels add up to 1000, not 1250.
	b.step("check the form with Enter in a field", chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#form-errors")))

	if got := active(); got != "v-by_channel-email" {
		t.Fatalf("after the check the focus is on %q, want the channels' first field", got)
	}
	description, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	  const f = document.activeElement;
	  if (f.getAttribute('aria-invalid') !== 'true') return 'not invalid';
	  return f.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join(' | ');
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(description, " | "); !strings.Contains(first, "expected the parts of by_channel add up to received") {
		t.Errorf("the focused field is described by %q, want the rule's message first", description)
	}
	if summary := b.text("#form-errors"); !strings.Contains(summary, "Complaints by channel – E-mail") {
		t.Errorf("the summary: %q", summary)
	}

	tab(3) // web form, letter, phone
	typeIn("v-by_channel-phone", "250")
	b.step("save a draft with Enter on its button", chromedp.Focus(chromedp.CSS("#form-draft")), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#form-status")))
	if status := b.text("#form-status"); !strings.Contains(status, "Draft saved on") {
		t.Errorf("after saving: %q", status)
	}
	b.step("leave and come back", chromedp.Navigate(base+"/?lang=en"), chromedp.WaitVisible(chromedp.CSS("main")),
		chromedp.Navigate(base+"/submissions/form?year=2025&lang=en"), chromedp.WaitVisible(chromedp.CSS("#form-status")))
	for field, want := range map[string]string{"#v-received": "1250", "#v-admissible": "1000", "#v-inadmissible": "250",
		"#v-by_channel-email": "625", "#v-by_channel-letter": "375", "#v-by_channel-phone": "250", "#v-information_requests": ""} {
		if got, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(field))); err != nil || got != want {
			t.Errorf("%s came back as %q (%v), want %q", field, got, err, want)
		}
	}

	b.step("preview with space on its button", chromedp.Focus(chromedp.CSS("#form-preview")), chromedp.KeyEvent(" "),
		chromedp.WaitVisible(chromedp.CSS("#confirm")))
	if file := b.text("#preview-file"); file != "form-FIN-2025.csv" {
		t.Errorf("the preview shows %q", file)
	}
	b.step("confirm with Enter", chromedp.Focus(chromedp.CSS("#confirm")), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#submissions")))
	b.step("sign out", chromedp.Navigate(base+"/?lang=en"), chromedp.Focus(chromedp.CSS("form.logout button")), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	b.login("coord@example.be")
	b.step("the review", chromedp.Navigate(base+"/review?lang=en"), chromedp.WaitVisible(chromedp.CSS("main table")))
	row, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main tr')].map(r => r.textContent).filter(t => t.includes('form-FIN-2025.csv')).join('\n')`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(row, "Online form") || !strings.Contains(row, "2025") {
		t.Errorf("the review shows the form's submission as %q, want it marked Online form", row)
	}
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main tr')].filter(r => r.textContent.includes('form-FIN-2025.csv')).map(r => r.querySelector('a').getAttribute('href'))[0] || ''`))
	if err != nil || link == "" {
		t.Fatalf("no link to the form's submission (%v)", err)
	}
	b.step("open it", chromedp.Navigate(base+link+"?lang=en"), chromedp.WaitVisible(chromedp.CSS("#submission-kind")))
	if kind := b.text("#submission-kind"); kind != "Online form" {
		t.Errorf("the submission's page says %q", kind)
	}
}
