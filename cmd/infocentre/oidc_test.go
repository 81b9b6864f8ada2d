package main

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServerFederalSignInOnly starts the real server with the federal
// sign-in (settings from the environment and a secret file) while the
// provider is down, and passwords switched off: it starts all the same,
// the federal sign-in answers 503 in the visitor's language, and a right
// password opens no session. Without an issuer, --password-login=false is
// refused at start.
func TestServerFederalSignInOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "fas.duckdb")
	out, code := runCLI(t, "user", "add", "--db", db, "--email", "coord@example.be", "--role", "coordinator", "--lang", "en")
	_, password, ok := strings.Cut(out, "password: ")
	if code != 0 || !ok {
		t.Fatalf("user add: %s", out)
	}
	password = strings.TrimSpace(password)

	if out, code := runCLI(t, "serve", "--db", db, "--password-login=false", "--lang", "en"); code == 0 || !strings.Contains(out, "needs the federal sign-in") {
		t.Errorf("--password-login=false without an issuer: exit %d, want a refusal:\n%s", code, out)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String() + "/oidc"
	ln.Close() // the provider is down
	secret := filepath.Join(dir, "fas-secret")
	if err := os.WriteFile(secret, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("INFOCENTRE_OIDC_ISSUER", issuer)
	t.Setenv("INFOCENTRE_OIDC_CLIENT_ID", "infocentre")
	_, base := serve(t, "--db", db, "--oidc-client-secret-file", secret, "--password-login=false")

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	resp, body := get("/login/oidc?lang=fr")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(body, "Le service d&#39;authentification fédéral est injoignable pour le moment") {
		t.Errorf("provider down: status %d, want 503 in French with Retry-After:\n%s", resp.StatusCode, body)
	}
	resp, body = get("/login?lang=en")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="fas-login"`) || strings.Contains(body, `id="password"`) {
		t.Errorf("login page: status %d, want the federal sign-in only:\n%s", resp.StatusCode, body)
	}
	var csrf string
	for _, ck := range resp.Cookies() {
		if ck.Name == "ic_csrf" {
			csrf = ck.Value
		}
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(url.Values{"email": {"coord@example.be"}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "ic_csrf", Value: csrf})
	post, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	post.Body.Close()
	for _, ck := range post.Cookies() {
		if ck.Name == "ic_session" && ck.Value != "" {
			t.Errorf("a right password opened a session with passwords off (status %d)", post.StatusCode)
		}
	}
	if post.StatusCode < 400 {
		t.Errorf("POST /login with passwords off: status %d, want a refusal", post.StatusCode)
	}
}
