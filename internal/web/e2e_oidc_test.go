package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/oidclogin"
)

// TestBrowserFederalSignIn: in Chromium, the federal sign-in is the first
// choice of the login page; a click goes through the provider and lands
// signed in as the account, on its role's home.
func TestBrowserFederalSignIn(t *testing.T) {
	m := fasProvider(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	site := "http://" + ln.Addr().String()
	st := newTestStore(t)
	fas := oidclogin.New(oidclogin.Config{Issuer: m.Issuer(), ClientID: m.ClientID, ClientSecret: m.ClientSecret,
		RedirectURL: site + "/login/oidc/callback", PostLogoutURL: site + "/"})
	srv, err := New(Config{Addr: ln.Addr().String(), Version: "test", VersionTTL: -1, FAS: fas}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false)
	m.QueueUser(fasUser{sub: "fas-analyst", email: "Analyst@example.be", locale: "nl-BE"})
	ctx, base, _ := browserAt(t, srv, ln)
	b := browserSteps{t: t, ctx: ctx, base: base}

	b.step("open the sign-in page", chromedp.Navigate(base+"/login?lang=nl"), chromedp.WaitVisible(chromedp.CSS("#fas-login")))
	if got := b.text("main a, main button"); got != "Aanmelden met de federale authenticatiedienst" {
		t.Errorf("the first choice of the login page is %q, want the federal sign-in in Dutch", got)
	}
	b.step("click the federal sign-in", chromedp.Click(chromedp.CSS("#fas-login")), chromedp.WaitVisible(chromedp.CSS("form.logout")))
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("form.logout button").title + " " + location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	if title != "analyst@example.be /extract" {
		t.Errorf("signed in as and on %q, want analyst@example.be on /extract", title)
	}
	if e, _ := st.AuditLog(context.Background(), "analyst@example.be", "login_fas", 1); len(e) != 1 {
		t.Errorf("audit %+v: want the federal sign-in", e)
	}
}
