package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// browserSteps drives one browser tab of a workflow test: each step fails
// the test with its name.
type browserSteps struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b browserSteps) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", name, err)
	}
}

func (b browserSteps) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// login signs in with the password newAccount gave the account.
func (b browserSteps) login(email string) {
	b.t.Helper()
	b.step("sign in "+email, chromedp.Navigate(b.base+"/login?lang=en"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), "password-"+email),
		chromedp.Click(chromedp.CSS("form.stacked button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("form.logout")))
}
