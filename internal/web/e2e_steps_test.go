package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserSteps drives one browser tab of a workflow test: each step fails
// the test with its name.
type browserSteps struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// step takes the actions of one step of the workflow, or fails the test
// with the step's name.
//
// A step that fails because a node it found was gone before it was used
// ("No node with given id", "Could not find node with given id") met a
// document that a redirect was still replacing: nothing happened to that
// node, so the step is taken again on the settled page, a few times at most.
func (b browserSteps) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	var err error
	for range 3 {
		if err = chromedp.Do(b.ctx, actions...); err == nil || !staleNode(err) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		b.t.Fatalf("%s: %v", name, err)
	}
}

// staleNode tells whether err is about a node of a replaced document.
func staleNode(err error) bool { return strings.Contains(err.Error(), "node with given id") }

// text reads the text of the first node matching sel. A node found while the
// page that a redirect replaces is still being swapped can be gone before it
// is read ("No node with given id found"): the query is then made again on
// the new document, a few times at most.
func (b browserSteps) text(sel string) string {
	b.t.Helper()
	var err error
	for range 3 {
		var s string
		if s, err = chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel))); err == nil {
			return s
		}
		if !staleNode(err) {
			break
		}
	}
	b.t.Fatalf("text of %s: %v", sel, err)
	return ""
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

// confirmUpload clicks "Confirm and submit" and waits for the own list. The
// list is then loaded once more, so that the next steps read a settled page,
// not the one the confirmation's redirect is still replacing.
func confirmUpload(base string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS("#confirm")), chromedp.WaitVisible(chromedp.CSS("#submissions")),
		chromedp.Navigate(base + "/submissions?lang=en"), chromedp.WaitVisible(chromedp.CSS("#submissions tbody tr")),
	}
}
