// Package web is the public Infocentre: the Echo server, its pages, charts,
// JSON API and the error handler that turns domain errors into statuses.
package web

import (
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/backup"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/extract"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/metrics"
	"github.com/fcmn/infocentre/internal/oidclogin"
	"github.com/fcmn/infocentre/internal/opendata"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/register"
	"github.com/fcmn/infocentre/internal/report"
	"github.com/fcmn/infocentre/internal/review"
	"github.com/fcmn/infocentre/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// assetsFS holds the stylesheet, the page script and echarts.min.js (copied
// from node_modules by `make assets`, not committed).
//
//go:embed assets
var assetsFS embed.FS

// templateFuncs build the arguments of shared sub-templates.
var templateFuncs = template.FuncMap{
	"missing": func(list []orgLink, title string) missingList { return missingList{Title: title, List: list} },
	"tableOf": func(l Locale, title string, t table) panel { return panel{L: l, Title: title, Table: t} },
	// when shows a stored time (UTC) as a person reads it: in Brussels.
	"when": domain.ReadableTime,
	// whenExact is when to the second, for the audit.
	"whenExact": func(t time.Time) string { return t.In(domain.Brussels()).Format("2006-01-02 15:04:05 MST") },
}

// missingList is the argument of the "missing" sub-template.
type missingList struct {
	Title string
	List  []orgLink
}

// Config is what the server needs from the command line; the zero value of
// every field but Addr is usable.
type Config struct {
	Addr           string
	Version        string
	MaxUploadBytes int64 // largest accepted request body (uploads); 0 means 20 MB
	SecureCookies  bool  // set when served over HTTPS
	CachePages     int   // rendered pages kept per data version; 0 means 512
	CacheBytes     int   // bytes of rendered pages kept; 0 means 64 MiB
	// VersionTTL is how long the data version, the cache key, is trusted
	// before the database is asked again: a new submission appears on the
	// pages at most this late. 0 means one second; negative asks every time.
	VersionTTL time.Duration
	// Mailer writes e-mail to the outbox (and sends it when it has an SMTP
	// sender); nil keeps every message in the outbox. Clock is the time of
	// rounds and notes; nil is the system clock.
	Mailer *mail.Mailer
	Clock  domain.Clock
	// SharedMaxAge is how long a shared cache (a reverse proxy) may serve a
	// public answer without asking again (s-maxage); browsers always ask,
	// and get 304 while the data version holds. 0 means 10 seconds.
	SharedMaxAge time.Duration
	// PDF prints the reports; nil when the server has no browser, and the
	// .pdf routes then answer 503.
	PDF *pdf.Renderer
	// OpenDataDir holds the open-data downloads; empty means a new
	// temporary folder, made when they are first asked for.
	OpenDataDir string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed: a request from one of them is from the right-most address
	// of that header that is not itself a trusted proxy. Empty: the header
	// is ignored and the peer is the client.
	TrustedProxies []*net.IPNet
	// Metrics counts requests, uploads and mail for /metrics (served apart,
	// see cmd/infocentre); nil counts nothing.
	Metrics *metrics.Metrics
	// Backups answers /api/v1/backups; nil keeps them in the store's
	// temporary directory (tests).
	Backups *backup.Backups
	// FAS signs people in with the federal authentication service; nil
	// when the server has none (login_oidc.go).
	FAS *oidclogin.Client
	// AccessibilityContact is the address the accessibility statement
	// gives for reporting a problem; empty gives placeholderContact.
	AccessibilityContact string
	// PasswordLoginOff refuses passwords: people sign in with FAS only.
	PasswordLoginOff bool
}

// Server is the public web application.
type Server struct {
	cfg       Config
	st        *store.Store
	log       *slog.Logger
	echo      *echo.Echo
	pages     map[string]*template.Template
	cache     *pageCache
	builds    flights // reports being built, merged by cache key
	found     *foundURLs
	version   *versionMemo
	extractor *extract.Extractor
	im        *importer.Importer
	desk      *review.Desk // the review and ownership rules, and the changes they allow
	parser    *ingest.Parser
	limiter   *loginLimiter
	notes     *windowLimiter // notes per account
	tokens    *windowLimiter // API tokens created per account they are for
	hashes    *hashGate      // bounds the argon2id computations running at once
	// fileChecks bounds the file uploads read at once (upload_gate.go).
	fileChecks *hashGate
	pending    *pendingUploads
	dummyHash  string     // verified against when an email has no account, to even out timing
	formKey    []byte     // signs the login form's token; drawn at start-up
	blockedMu  sync.Mutex // serialises the counting of repeated entries in the audit log
	mailer     *mail.Mailer
	clock      domain.Clock
	// boot is part of every ETag: a new binary may render the same data
	// differently, so validators of an earlier process never match.
	boot               string
	publicCacheControl string
	reports            *report.Builder
	reportTmpl         *template.Template
	openData           *opendata.Publisher
}

// Login throttling: failures allowed per address and per email in a window.
const (
	loginMaxFailures = 5
	loginWindow      = 15 * time.Minute
)

// Password hashing: argon2id takes 64 MiB per computation, so at most
// hashSlots run at once (256 MiB); a login waits at most hashWait for a
// slot, then is answered 503.
const (
	hashSlots = 4
	hashWait  = 3 * time.Second
)

// New parses the embedded templates (refusing to start on a broken one) and wires
// the routes.
func New(cfg Config, st *store.Store, logger *slog.Logger) (*Server, error) {
	if cfg.MaxUploadBytes == 0 {
		cfg.MaxUploadBytes = 20_000_000
	}
	if cfg.CachePages == 0 {
		cfg.CachePages = 512
	}
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = 64 << 20
	}
	if cfg.VersionTTL == 0 {
		cfg.VersionTTL = time.Second
	}
	if cfg.Clock == nil {
		cfg.Clock = domain.SystemClock{}
	}
	if cfg.Mailer == nil {
		cfg.Mailer = mail.New(st, nil, cfg.Clock, "", logger)
	}
	if cfg.Backups == nil {
		cfg.Backups = backup.New(st, filepath.Join(st.TempDir(), "backups"), 14, cfg.Mailer, cfg.Metrics, logger)
	}
	if cfg.SharedMaxAge == 0 {
		cfg.SharedMaxAge = 10 * time.Second
	}
	s := &Server{
		cfg:        cfg,
		st:         st,
		log:        logger,
		cache:      newPageCache(cfg.CachePages, cfg.CacheBytes),
		found:      &foundURLs{max: 4096},
		version:    &versionMemo{ttl: cfg.VersionTTL, fetch: st.DataVersion},
		extractor:  extract.New(st, cfg.Version),
		im:         importer.New(st, logger),
		desk:       review.New(st),
		parser:     ingest.NewLiveParser(st.Reference).RecogniseRegisters(register.HeaderRecogniser()).InTempDir(st.TempDir()),
		limiter:    newLoginLimiter(loginMaxFailures, loginWindow),
		notes:      newWindowLimiter(noteMax, noteWindow),
		tokens:     newWindowLimiter(tokenMax, tokenWindow),
		hashes:     newHashGate(hashSlots, hashWait),
		fileChecks: newHashGate(fileCheckSlots, fileCheckWait),
		mailer:     cfg.Mailer,
		clock:      cfg.Clock,
		boot:       strconv.FormatInt(time.Now().UnixNano(), 36),
		publicCacheControl: fmt.Sprintf("public, max-age=0, s-maxage=%d, stale-if-error=600",
			int(cfg.SharedMaxAge.Seconds())),
		reports: report.New(st),
	}
	// Previews wait in a directory of this server's within the store's
	// temporary directory, which the store empties when it opens and
	// removes when it closes.
	previews, err := os.MkdirTemp(st.TempDir(), "previews-")
	if err != nil {
		return nil, fmt.Errorf("web: previews: %w", err)
	}
	s.pending = newPendingUploads(previews, previewsPerAccount, previewAccountMB<<20, previewBudgetMB<<20, previewTTL)
	dummy, err := auth.HashPassword("no account has this password")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s.dummyHash = dummy
	s.formKey = make([]byte, 32)
	if _, err := rand.Read(s.formKey); err != nil {
		return nil, fmt.Errorf("web: form key: %w", err)
	}
	tmpl, err := loadTemplates(templateFS)
	if err != nil {
		return nil, err
	}
	s.pages, s.reportTmpl = tmpl.pages, tmpl.report
	s.openData = opendata.New(st, cfg.OpenDataDir)
	if err := checkAssets(assetsFS); err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = clientAddress(cfg.TrustedProxies)
	e.Use(s.countRequests)
	e.Use(s.recoverPanics)
	e.Use(s.securityHeaders)
	e.Use(s.limitBodies)
	e.Use(s.identify)
	e.Use(s.noStore)
	e.Use(s.auditRefusals)
	e.Use(s.checkCSRF)
	s.echo = e
	s.routes()
	return s, nil
}

// clientAddress is how a request's client address is found. Login
// throttling and the audit log rely on it, so a forwarded header is read
// only from the proxies the operator named, never from anyone (a client
// could forge it), and no address is trusted by default (Echo trusts
// loopback and private networks unless told otherwise).
func clientAddress(proxies []*net.IPNet) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	trust := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range proxies {
		trust = append(trust, echo.TrustIPRange(p))
	}
	return echo.ExtractIPFromXFFHeader(trust...)
}

// ref is the reference data as it is now. Handlers ask for it once per
// request: the coordinator may change it at any time.
func (s *Server) ref() *reference.Catalogue { return s.st.Reference() }

// checkAssets refuses a binary built without `make assets`: its pages
// would load without charts, which is easy to miss.
func checkAssets(fsys fs.FS) error {
	if fi, err := fs.Stat(fsys, "assets/echarts.min.js"); err != nil || fi.Size() == 0 {
		return errors.New("web: this binary was built without echarts.min.js, so its pages would have no charts: " +
			"run `make build` (or `make assets`, then go build ./cmd/infocentre again)")
	}
	return nil
}

// Handler returns the Echo instance, for httptest.
func (s *Server) Handler() http.Handler { return s.echo }

// Start listens on cfg.Addr until ctx is cancelled, then shuts down
// gracefully, giving running requests a few seconds.
func (s *Server) Start(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", s.cfg.Addr, err)
	}
	return s.serve(ctx, ln)
}

func (s *Server) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		// Checking the largest accepted file (20 MB of rows, every one a
		// problem) takes seconds, but minutes on a busy two-core machine; a
		// client that stops reading is still cut off.
		WriteTimeout: 5 * time.Minute,
		IdleTimeout:  2 * time.Minute,
	}
	s.log.Info("web: listening", "addr", ln.Addr().String(), "version", s.cfg.Version)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}

// securityHeaders forbids inline scripts and outside hosts: charts are
// initialised by /assets/charts.js from options held in data attributes.
// Inline styles stay allowed because echarts positions its tooltip with them.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action "+s.formAction()+"; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if s.cfg.SecureCookies || c.Request().TLS != nil {
			// Behind TLS: browsers must never come back over plain HTTP.
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

// publicAPI are the API routes anyone may read; their answers may be cached.
var publicAPI = map[string]bool{"/api/v1/observations": true, "/api/v1/indicators": true, "/api/v1/organisations": true}

// noStore forbids every cache (the browser's, a proxy's) to keep what is
// private: any answer to a signed-in visitor or to an API token, the login
// form (it carries the form token) and every API answer that is not public.
// It has the last word: the header is set just before the answer is sent,
// over whatever a handler set.
func (s *Server) noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		path := c.Request().URL.Path
		if viewerOf(c) != nil || path == "/login" || strings.HasPrefix(path, fasAttemptPath+"/") || path == fasAttemptPath || (isAPI(c) && !publicAPI[path]) {
			res := c.Response()
			res.Before(func() {
				res.Header().Set(echo.HeaderCacheControl, "private, no-store")
				res.Header().Del("Expires")
				res.Header().Del("ETag")
				res.Header().Del("Last-Modified")
			})
		}
		return next(c)
	}
}

// recoverPanics turns a panic in a handler into an internal error, logged
// with the rest by the error handler. (Echo's own middleware package would
// pull in a module this build does not otherwise need.)
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("web: panic: %v", r)
			}
		}()
		return next(c)
	}
}
