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
	"github.com/fcmn/infocentre/internal/assets"
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
	"github.com/fcmn/infocentre/internal/webkit/bodylimit"
	"github.com/fcmn/infocentre/internal/webkit/csrf"
	"github.com/fcmn/infocentre/internal/webkit/headers"
	"github.com/fcmn/infocentre/internal/webkit/httpcache"
	"github.com/fcmn/infocentre/internal/webkit/identity"
	"github.com/fcmn/infocentre/internal/webkit/pagecache"
	"github.com/fcmn/infocentre/internal/webkit/pending"
	"github.com/fcmn/infocentre/internal/webkit/throttle"
	"github.com/fcmn/infocentre/internal/webkit/uploadaudit"
)

//go:embed templates/*.html
var templateFS embed.FS

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
	cache     *pagecache.Cache
	builds    pagecache.Flights // reports being built, merged by cache key
	version   *pagecache.Memo
	extractor *extract.Extractor
	im        *importer.Importer
	desk      *review.Desk // the review and ownership rules, and the changes they allow
	parser    *ingest.Parser
	limiter   *throttle.LoginLimiter
	notes     *throttle.WindowLimiter // notes per account
	tokens    *throttle.WindowLimiter // API tokens created per account they are for
	hashes    *throttle.Gate          // bounds the argon2id computations running at once
	// fileChecks bounds the file uploads read at once (upload_gate.go).
	fileChecks *throttle.Gate
	pending    *pending.Uploads
	dummyHash  string     // verified against when an email has no account, to even out timing
	formKey    []byte     // signs the login form's token; drawn at start-up
	blockedMu  sync.Mutex // serialises the counting of repeated entries in the audit log
	mailer     *mail.Mailer
	clock      domain.Clock
	// publicCaching lets browsers and shared caches keep the public
	// answers (package httpcache).
	publicCaching echo.MiddlewareFunc
	reports       *report.Documents
	openData      *opendata.Publisher
}

// Login throttling: failures allowed per address and per email in a window.
const (
	loginMaxFailures = 5
	loginWindow      = 15 * time.Minute
)

// Notes: at most noteMax per account in noteWindow (issue 23: 200 notes in
// 3 seconds). A reviewer asking about every value of a file stays far below.
const (
	noteMax    = 20
	noteWindow = 10 * time.Minute
)

// Tokens: an account receives at most tokenMax API tokens in tokenWindow,
// whether through the page or the API. A token is a credential that lasts:
// a session taken over must not be able to mint them by the thousand, and
// nobody needs more than a few a day.
const (
	tokenMax    = 10
	tokenWindow = time.Hour
)

// Password hashing: argon2id takes 64 MiB per computation, so at most
// hashSlots run at once (256 MiB); a login waits at most hashWait for a
// slot, then is answered 503.
const (
	hashSlots = 4
	hashWait  = 3 * time.Second
)

// The bounds of previews (issue 17, see package pending): the files wait
// on disk, not in memory.
const (
	previewsPerAccount = 4                // an account's newest previews; a fifth replaces its oldest
	previewAccountMB   = 50               // an account's previews, in MB; a new one replaces its oldest
	previewBudgetMB    = 1024             // every account's previews, in MB: beyond, a preview waits (503)
	previewTTL         = 30 * time.Minute // a preview not confirmed by then is dropped
)

// previewLimits are the bounds of previews as package pending takes them.
func previewLimits() pending.Limits {
	return pending.Limits{PerAccount: previewsPerAccount, AccountBytes: previewAccountMB << 20, Budget: previewBudgetMB << 20, TTL: previewTTL}
}

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
		cache:      pagecache.New(cfg.CachePages, cfg.CacheBytes),
		version:    pagecache.NewMemo(cfg.VersionTTL, st.DataVersion),
		extractor:  extract.New(st, cfg.Version),
		im:         importer.New(st, logger),
		desk:       review.New(st),
		parser:     ingest.NewLiveParser(st.Reference).RecogniseRegisters(register.HeaderRecogniser()).InTempDir(st.TempDir()),
		limiter:    throttle.NewLoginLimiter(loginMaxFailures, loginWindow),
		notes:      throttle.NewWindowLimiter(noteMax, noteWindow),
		tokens:     throttle.NewWindowLimiter(tokenMax, tokenWindow),
		hashes:     throttle.NewGate(hashSlots, hashWait),
		fileChecks: throttle.NewGate(fileCheckSlots, fileCheckWait),
		mailer:     cfg.Mailer,
		clock:      cfg.Clock,
	}
	s.publicCaching = httpcache.Public(httpcache.Config{
		Versions:     s.version,
		Boot:         strconv.FormatInt(time.Now().UnixNano(), 36),
		SharedMaxAge: cfg.SharedMaxAge,
		SignedIn:     func(c echo.Context) bool { return viewerOf(c) != nil },
		Language:     languageOf,
		// ?lang= is remembered in a cookie, also when the browser
		// already holds the page.
		Revalidated: func(c echo.Context) { resolveLanguage(c, cfg.SecureCookies) },
	})
	// Previews wait in a directory of this server's within the store's
	// temporary directory, which the store empties when it opens and
	// removes when it closes.
	previews, err := os.MkdirTemp(st.TempDir(), "previews-")
	if err != nil {
		return nil, fmt.Errorf("web: previews: %w", err)
	}
	s.pending = pending.New(previews, previewLimits(), time.Now)
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
	s.pages = tmpl.pages
	if s.reports, err = report.NewDocuments(st, cfg.Version, nil); err != nil {
		return nil, err
	}
	s.openData = opendata.New(st, cfg.OpenDataDir)
	if err := checkAssets(assets.FS()); err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = clientAddress(cfg.TrustedProxies)
	e.Use(s.countRequests)
	e.Use(s.recoverPanics)
	e.Use(headers.Security(s.formAction, cfg.SecureCookies))
	e.Use(bodylimit.Limit(cfg.MaxUploadBytes))
	e.Use(identity.Identify(identity.Config{Accounts: st, SessionCookie: sessionCookie, API: isAPI,
		DropSession: func(c echo.Context) { s.clearCookie(c, sessionCookie) }}))
	e.Use(headers.NoStore(s.private))
	e.Use(uploadaudit.Audit(uploadaudit.Config{
		Routes: uploadRoutes,
		// The audit log is in English.
		Status: func(err error) (int, string) { return statusOf(err, newLocale("en")) },
		Record: s.auditRepeated,
		Log:    logger,
	}))
	e.Use(csrf.Check(s.csrfToken))
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
	if fi, err := fs.Stat(fsys, "echarts.min.js"); err != nil || fi.Size() == 0 {
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

// publicAPI are the API routes anyone may read; their answers may be cached.
var publicAPI = map[string]bool{"/api/v1/observations": true, "/api/v1/indicators": true, "/api/v1/organisations": true}

// private tells which answers no cache may keep: any answer to a
// signed-in visitor or to an API token, the login form (it carries the form
// token), the federal sign-in's steps and every API answer that is not
// public.
func (s *Server) private(c echo.Context) bool {
	path := c.Request().URL.Path
	return viewerOf(c) != nil || path == "/login" || strings.HasPrefix(path, fasAttemptPath+"/") || path == fasAttemptPath || (isAPI(c) && !publicAPI[path])
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
