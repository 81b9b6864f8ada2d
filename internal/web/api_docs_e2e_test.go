package web

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cspWatch records, from before any script of the next pages runs, every
// Content-Security-Policy violation in window.cspViolations.
var cspWatch = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.cspViolations = []; document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));`})
	return err
})

// redocLogo is the one outside address Redoc asks for: the Redocly logo of
// its sidebar's credit, which it hides when the image does not load. The
// policy (img-src 'self' data:) blocks it before any request leaves.
const redocLogo = "https://cdn.redoc.ly/redoc/logo-mini.svg"

// redocDrawn is true once Redoc drew the document: one section per
// operation.
const redocDrawn = `document.querySelectorAll("#redoc [data-section-id^='operation/']").length > 30`

// TestAPIPage: /api renders the OpenAPI document in a real browser from the
// binary's own files, under the site's Content-Security-Policy, in the
// reader's language: every operation appears, axe-core finds no violation
// (as TestAccessibility, here on the drawn page alone), and nothing is fetched from
// another host (the logo Redoc asks for is blocked by the policy, which is
// the one violation allowed).
func TestAPIPage(t *testing.T) {
	srv, _ := newTestServer(t)
	ctx, base, requests := browserOn(t, srv)
	if err := chromedp.Do(ctx, cspWatch, chromedp.Navigate(base+"/api?lang=fr")); err != nil {
		t.Fatal(err)
	}
	if err := waitTrue(ctx, redocDrawn); err != nil {
		t.Fatalf("Redoc did not render the operations: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + "|" + document.querySelector("h1").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "fr|API pour les développeurs"; got != want {
		t.Errorf("lang|title = %q, want %q", got, want)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.cspViolations`))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		if v != "img-src "+redocLogo {
			t.Errorf("Content-Security-Policy violated: %s", v)
		}
	}
	src, err := os.ReadFile(axeScript)
	if err != nil {
		t.Fatalf("axe-core is missing: run make assets (npm ci): %v", err)
	}
	for _, v := range axeViolations(t, ctx, src) {
		t.Errorf("axe-core: %s", v)
	}
	for _, u := range requests() {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && u != redocLogo {
			t.Errorf("the page fetched %s, outside the server", u)
		}
	}
}
