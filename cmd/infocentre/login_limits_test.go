package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// addAccount adds an account with a password of the test's choosing.
func addAccount(t *testing.T, db, email, role, org, password string) {
	t.Helper()
	args := []string{"user", "add", "--db", db, "--email", email, "--role", role}
	if org != "" {
		args = append(args, "--org", org)
	}
	var out bytes.Buffer
	if err := run(context.Background(), args, strings.NewReader(password+"\n"), &out, &out); err != nil {
		t.Fatalf("user add: %v\n%s", err, out.String())
	}
}

// browser is a client with its own cookies that never follows redirects,
// sending X-Forwarded-For as a proxy in front of the server would.
type browser struct {
	t      *testing.T
	base   string
	client *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, base: base, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request with X-Forwarded-For forwarded (none when empty) and
// returns the status and the body.
func (b *browser) do(method, path, forwarded string, form url.Values) (int, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if forwarded != "" {
		req.Header.Set("X-Forwarded-For", forwarded)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return resp.StatusCode, string(answer)
}

// login signs in from the address forwarded and returns the status: 303
// signed in, 401 refused, 429 blocked by the limiter.
func (b *browser) login(forwarded, email, password string) int {
	b.t.Helper()
	_, page := b.do(http.MethodGet, "/login", forwarded, nil)
	_, rest, ok := strings.Cut(page, `name="csrf" value="`)
	if !ok {
		b.t.Fatalf("the login form has no token:\n%.500s", page)
	}
	token, _, _ := strings.Cut(rest, `"`)
	status, _ := b.do(http.MethodPost, "/login", forwarded, url.Values{"csrf": {token}, "email": {email}, "password": {password}})
	return status
}

const (
	coordinatorPassword = "the coordinator's own password"
	wrongPassword       = "not the password at all"
)

// TestServerLoginBehindProxy (issue 23, N3): behind a trusted proxy the
// login limiter counts the client's address from X-Forwarded-For, so one
// person's guesses do not lock out everyone; guessing an account from many
// addresses is slowed to one guess per address without locking out its
// owner's right password from an address of their own.
func TestServerLoginBehindProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	db := filepath.Join(t.TempDir(), "proxy.duckdb")
	addAccount(t, db, "coordinator@network.example", "coordinator", "", coordinatorPassword)
	addAccount(t, db, "agency@fin.example", "agency", "FIN", coordinatorPassword)
	_, base := serve(t, "--db", db, "--trusted-proxy", "10.9.9.0/24", "--trusted-proxy", "127.0.0.1")

	t.Run("one address's guesses do not block another's right password", func(t *testing.T) {
		b := newBrowser(t, base)
		for i := range 5 {
			if got := b.login("203.0.113.7", "coordinator@network.example", wrongPassword); got != http.StatusUnauthorized {
				t.Fatalf("wrong password %d: status %d, want 401", i+1, got)
			}
		}
		if got := b.login("203.0.113.7", "coordinator@network.example", wrongPassword); got != http.StatusTooManyRequests {
			t.Errorf("sixth wrong password from one address: status %d, want 429", got)
		}
		// The guesser's address stays blocked, even with the right password.
		if got := b.login("203.0.113.7", "coordinator@network.example", coordinatorPassword); got != http.StatusTooManyRequests {
			t.Errorf("right password from the blocked address: status %d, want 429", got)
		}
		// A client forging X-Forwarded-For behind the proxy: the proxy
		// appends the real address, which is the one counted.
		if got := b.login("198.18.0.1, 203.0.113.7", "agency@fin.example", coordinatorPassword); got != http.StatusTooManyRequests {
			t.Errorf("a forged address before the blocked one: status %d, want 429", got)
		}
		owner := newBrowser(t, base)
		if got := owner.login("192.0.2.10", "coordinator@network.example", coordinatorPassword); got != http.StatusSeeOther {
			t.Fatalf("right password from another address: status %d, want 303", got)
		}
		// The audit log names the client, not the proxy.
		if _, audit := owner.do(http.MethodGet, "/admin/audit?action=login_failed", "192.0.2.10", nil); !strings.Contains(audit, "203.0.113.7") {
			t.Errorf("the audit of the failed logins lacks the client's address:\n%.3000s", audit)
		}
	})

	t.Run("guessing from many addresses is slowed, not a lock-out", func(t *testing.T) {
		b := newBrowser(t, base)
		// The last one came through a second proxy, trusted too.
		guessers := []string{"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5", "198.51.100.6, 10.9.9.3"}
		for _, addr := range guessers {
			if got := b.login(addr, "agency@fin.example", wrongPassword); got != http.StatusUnauthorized {
				t.Errorf("first guess from %s: status %d, want 401", addr, got)
			}
		}
		// The account had 5 failures: an address that failed on it gets no
		// second guess, though it is far from its own limit.
		for _, addr := range guessers {
			if got := b.login(addr, "agency@fin.example", wrongPassword); got != http.StatusTooManyRequests {
				t.Errorf("second guess from %s: status %d, want 429", addr, got)
			}
		}
		if got := newBrowser(t, base).login("192.0.2.20", "agency@fin.example", coordinatorPassword); got != http.StatusSeeOther {
			t.Errorf("the owner's right password from a clean address: status %d, want 303", got)
		}
	})
}

// TestServerIgnoresForwardedWithoutProxy: without --trusted-proxy the
// client cannot choose its address with X-Forwarded-For: a new forged
// address for every guess still counts as the one peer, blocked after 5.
func TestServerIgnoresForwardedWithoutProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	t.Setenv("INFOCENTRE_TRUSTED_PROXY", "")
	db := filepath.Join(t.TempDir(), "direct.duckdb")
	addAccount(t, db, "coordinator@network.example", "coordinator", "", coordinatorPassword)
	_, base := serve(t, "--db", db)
	b := newBrowser(t, base)
	for i := range 5 {
		forged := fmt.Sprintf("203.0.113.%d", i+1)
		if got := b.login(forged, "nobody@network.example", wrongPassword); got != http.StatusUnauthorized {
			t.Fatalf("guess %d: status %d, want 401", i+1, got)
		}
	}
	if got := b.login("203.0.113.99", "someone@network.example", wrongPassword); got != http.StatusTooManyRequests {
		t.Errorf("sixth guess with a new forged X-Forwarded-For: status %d, want 429", got)
	}
}

// TestServeTrustedProxyRefused: a --trusted-proxy (or INFOCENTRE_TRUSTED_PROXY)
// that is no address or network stops serve before it opens the database.
// Its context is cancelled from the start: a serve that does not refuse
// stops at once instead of serving.
func TestServeTrustedProxyRefused(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "")
	for name, tt := range map[string]struct{ env, flag string }{
		"flag": {"", "10.0.0.0/33"},
		"env":  {"127.0.0.1, proxy.example", ""},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("INFOCENTRE_TRUSTED_PROXY", tt.env)
			args := []string{"serve", "--db", filepath.Join(t.TempDir(), "x.duckdb"), "--addr", "127.0.0.1:0"}
			if tt.flag != "" {
				args = append(args, "--trusted-proxy", tt.flag)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var out bytes.Buffer
			err := run(ctx, args, strings.NewReader(""), &out, &out)
			if err == nil || !strings.Contains(err.Error()+out.String(), "expected an address or a network in CIDR notation") {
				t.Errorf("serve: %v, want the refusal of the proxy:\n%s", err, out.String())
			}
		})
	}
}
