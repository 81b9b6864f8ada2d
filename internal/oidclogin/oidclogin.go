// Package oidclogin signs people in with an OpenID Connect provider, the
// federal authentication service (FAS): the authorization-code flow with
// PKCE (S256), state and nonce, the provider's settings from its discovery
// document and the ID token checked by go-oidc. It knows nothing of
// accounts: it tells who the provider says the person is.
package oidclogin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/fcmn/infocentre/internal/domain"
)

// Limits of the sign-ins in progress.
const (
	// AttemptTTL is how long a sign-in started here may take at the
	// provider; its state, nonce and PKCE verifier are forgotten after.
	AttemptTTL = 10 * time.Minute
	// MaxAttempts bounds the sign-ins in progress held in memory (~300
	// bytes each); beyond, a new one is answered "try again".
	MaxAttempts = 10_000
	// providerTimeout bounds every request to the provider.
	providerTimeout = 10 * time.Second
)

// Scopes asked of the provider.
var Scopes = []string{oidc.ScopeOpenID, "email", "profile"}

// ErrUnavailable is a provider that cannot be reached or answers with a
// server error: the person should try again later.
var ErrUnavailable = errors.New("oidclogin: the identity provider is unavailable")

// Refusal is a sign-in refused with a technical cause, which the audit
// log keeps and the person is not shown.
type Refusal struct {
	Reason *domain.Error
	Cause  string
}

func (r *Refusal) Error() string { return r.Reason.Error() + ": " + r.Cause }

func (r *Refusal) Unwrap() error { return r.Reason }

// Config is the application's registration at the provider.
type Config struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string // {base-url}/login/oidc/callback
	// PostLogoutURL is where the provider sends the browser back after
	// ending its own session.
	PostLogoutURL string
	// Now is the clock of the ID token's expiry and of the attempts; nil
	// is the system clock.
	Now func() time.Time
}

// Identity is who the provider says signed in.
type Identity struct {
	Subject       string
	Email         string
	EmailVerified bool
	Locale        string // the locale claim as sent, e.g. "fr-BE"; may be empty
}

// Client signs people in with one provider. The provider is discovered at
// the first need, and again after a failure, so that the server starts
// while the provider is down.
type Client struct {
	cfg  Config
	http *http.Client

	mu       sync.Mutex // one discovery at a time
	provider *oidc.Provider

	attempts *attempts
}

// New returns a client; nothing is asked of the provider yet.
func New(cfg Config) *Client {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Client{cfg: cfg, http: &http.Client{Timeout: providerTimeout},
		attempts: &attempts{byState: map[string]attempt{}, max: MaxAttempts, ttl: AttemptTTL, now: cfg.Now}}
}

// Discover reads the provider's discovery document if it was not read yet;
// ErrUnavailable when the provider does not answer as it should.
func (c *Client) Discover(ctx context.Context) error {
	_, err := c.discovered(ctx)
	return err
}

func (c *Client) discovered(ctx context.Context) (*oidc.Provider, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.provider != nil {
		return c.provider, nil
	}
	// The client (and its timeout) is kept by the provider for its key set.
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, c.http), c.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("%w: discovery at %s: %v", ErrUnavailable, c.cfg.Issuer, err)
	}
	c.provider = p
	return p, nil
}

func (c *Client) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: c.cfg.ClientID, ClientSecret: c.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: c.cfg.RedirectURL, Scopes: Scopes}
}

// Start begins a sign-in that will come back to next: it returns the
// provider's URL to send the browser to and the secret that binds the
// attempt to this browser (to be kept in an HttpOnly cookie and given back
// to Finish).
func (c *Client) Start(ctx context.Context, next string) (authURL, binding string, err error) {
	p, err := c.discovered(ctx)
	if err != nil {
		return "", "", err
	}
	a := attempt{nonce: rand.Text(), verifier: oauth2.GenerateVerifier(), next: next}
	binding, state := rand.Text(), rand.Text()
	a.binding = digest(binding)
	if !c.attempts.add(state, a) {
		return "", "", fmt.Errorf("%w: %d sign-ins in progress", ErrUnavailable, MaxAttempts)
	}
	authURL = c.oauth(p).AuthCodeURL(state, oidc.Nonce(a.nonce), oauth2.S256ChallengeOption(a.verifier))
	return authURL, binding, nil
}

// Callback is what the provider sent back to the redirect URL, and the
// browser's binding cookie.
type Callback struct {
	Binding string
	State   string
	Code    string
	Error   string // the provider's error parameter (the person cancelled, say)
}

// Finish ends the sign-in of cb.State, which is forgotten at once, so
// that a callback replayed with the same state is refused: it checks that
// the attempt is this browser's and not expired, exchanges the code with
// the PKCE verifier, verifies the ID token (signature, issuer, audience,
// expiry) and its nonce. It returns who signed in and where to go next. A
// refusal is a domain error saying why; ErrUnavailable when the provider
// could not be asked.
func (c *Client) Finish(ctx context.Context, cb Callback) (Identity, string, error) {
	if cb.State == "" {
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.state_missing")
	}
	a, ok := c.attempts.take(cb.State)
	switch {
	case !ok:
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.state_unknown")
	case cb.Binding == "" || subtle.ConstantTimeCompare([]byte(digest(cb.Binding)), []byte(a.binding)) != 1:
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.state_browser")
	case !c.cfg.Now().Before(a.expires):
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.state_expired", int(AttemptTTL.Minutes()))
	case cb.Error != "":
		reason := []rune(cb.Error)
		if len(reason) > 64 {
			reason = reason[:64]
		}
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.provider_refused", domain.Quoted(string(reason)))
	case cb.Code == "":
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.code")
	}
	p, err := c.discovered(ctx)
	if err != nil {
		return Identity{}, "", err
	}
	tok, err := c.oauth(p).Exchange(oidc.ClientContext(ctx, c.http), cb.Code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode < 500 {
			// The provider refused the code: used already, expired, or not
			// issued for this verifier.
			return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.code")
		}
		return Identity{}, "", fmt.Errorf("%w: token request: %v", ErrUnavailable, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, "", &Refusal{Reason: domain.Errorf(domain.EUNAUTH, "error.fas.token"), Cause: "no ID token"}
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: c.cfg.ClientID, Now: c.cfg.Now}).Verify(ctx, raw)
	if err != nil {
		var expired *oidc.TokenExpiredError
		if errors.As(err, &expired) {
			return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.token_expired")
		}
		return Identity{}, "", &Refusal{Reason: domain.Errorf(domain.EUNAUTH, "error.fas.token"), Cause: err.Error()}
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(a.nonce)) != 1 {
		return Identity{}, "", domain.Errorf(domain.EUNAUTH, "error.fas.nonce")
	}
	var claims struct {
		Email         string `json:"email"`
		EmailVerified any    `json:"email_verified"`
		Locale        string `json:"locale"`
	}
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, "", &Refusal{Reason: domain.Errorf(domain.EUNAUTH, "error.fas.token"), Cause: err.Error()}
	}
	// Some providers send the boolean as a string.
	verified := claims.EmailVerified == true || claims.EmailVerified == "true"
	return Identity{Subject: idt.Subject, Email: claims.Email, EmailVerified: verified, Locale: claims.Locale}, a.next, nil
}

// EndSessionURL is the provider's end_session_endpoint with the way back
// to this site, when the provider was discovered and advertises one; else
// empty. It never asks the provider: a logout does not wait for it.
func (c *Client) EndSessionURL() string {
	c.mu.Lock()
	p := c.provider
	c.mu.Unlock()
	if p == nil {
		return ""
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err != nil || meta.EndSession == "" {
		return ""
	}
	u, err := url.Parse(meta.EndSession)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	q := u.Query()
	q.Set("client_id", c.cfg.ClientID)
	if c.cfg.PostLogoutURL != "" {
		q.Set("post_logout_redirect_uri", c.cfg.PostLogoutURL)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// EndSessionOrigin is the scheme and host of EndSessionURL, for the
// pages' Content-Security-Policy: the logout form may lead there.
func (c *Client) EndSessionOrigin() string {
	u, err := url.Parse(c.EndSessionURL())
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// attempt is a sign-in in progress, known by its state.
type attempt struct {
	binding  string // hash of the browser's cookie
	nonce    string
	verifier string
	next     string
	expires  time.Time
}

// attempts are the sign-ins in progress: in memory, each used once.
type attempts struct {
	mu      sync.Mutex
	byState map[string]attempt
	max     int
	ttl     time.Duration
	now     func() time.Time
}

// add keeps a, unless max attempts are in progress even after the expired
// ones are dropped.
func (as *attempts) add(state string, a attempt) bool {
	as.mu.Lock()
	defer as.mu.Unlock()
	now := as.now()
	if len(as.byState) >= as.max {
		for s, old := range as.byState {
			if !now.Before(old.expires) {
				delete(as.byState, s)
			}
		}
		if len(as.byState) >= as.max {
			return false
		}
	}
	a.expires = now.Add(as.ttl)
	as.byState[state] = a
	return true
}

// take returns the attempt of state and forgets it.
func (as *attempts) take(state string) (attempt, bool) {
	as.mu.Lock()
	defer as.mu.Unlock()
	a, ok := as.byState[state]
	delete(as.byState, state)
	return a, ok
}
