package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/backup"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/metrics"
	"github.com/fcmn/infocentre/internal/oidclogin"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/web"
	"github.com/fcmn/infocentre/samples"
)

// defaultServeMemory caps the server's DuckDB: the dashboards need a few
// megabytes, a register upload spills past it.
const defaultServeMemory = "256MB"

// serveGoMemoryLimit is the server's soft limit of Go's heap, unless
// GOMEMLIMIT sets another; DuckDB's memory (--memory-limit) comes on top.
const serveGoMemoryLimit = 384 << 20

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("serve", e, "cli.usage.serve")
	db := dbFlag(fs)
	defAddr := os.Getenv("INFOCENTRE_ADDR")
	if defAddr == "" {
		defAddr = "127.0.0.1:8080"
	}
	addr := fs.String("addr", defAddr, "cli.flag.serve.addr")
	demo := fs.Bool("demo", false, "cli.flag.serve.demo")
	maxUpload := fs.Int64("max-upload-bytes", 20_000_000, "cli.flag.serve.max-upload-bytes")
	secure := fs.Bool("secure-cookies", false, "cli.flag.serve.secure-cookies")
	memLimit := fs.String("memory-limit", defaultServeMemory, "cli.flag.serve.memory-limit")
	smtpURL := fs.String("smtp-url", os.Getenv("INFOCENTRE_SMTP_URL"), "cli.flag.serve.smtp-url")
	mailFrom := fs.String("mail-from", os.Getenv("INFOCENTRE_MAIL_FROM"), "cli.flag.serve.mail-from")
	a11yContact := fs.String("accessibility-contact", os.Getenv("INFOCENTRE_ACCESSIBILITY_CONTACT"), "cli.flag.serve.accessibility-contact")
	baseURL := fs.String("base-url", os.Getenv("INFOCENTRE_BASE_URL"), "cli.flag.serve.base-url")
	chromium := chromiumFlag(fs)
	openData := fs.String("open-data-dir", "", "cli.flag.serve.open-data-dir")
	var proxyFlags listFlag
	fs.Var(&proxyFlags, "trusted-proxy", "cli.flag.serve.trusted-proxy")
	backupDir := fs.String("backup-dir", os.Getenv("INFOCENTRE_BACKUP_DIR"), "cli.flag.serve.backup-dir")
	backupEvery := fs.Duration("backup-every", envDuration("INFOCENTRE_BACKUP_EVERY", 24*time.Hour), "cli.flag.serve.backup-every")
	backupKeep := fs.Int("backup-keep", envInt("INFOCENTRE_BACKUP_KEEP", 14), "cli.flag.serve.backup-keep")
	metricsAddr := fs.String("metrics-addr", os.Getenv("INFOCENTRE_METRICS_ADDR"), "cli.flag.serve.metrics-addr")
	oidcIssuer := fs.String("oidc-issuer", os.Getenv("INFOCENTRE_OIDC_ISSUER"), "cli.flag.serve.oidc-issuer")
	oidcClientID := fs.String("oidc-client-id", os.Getenv("INFOCENTRE_OIDC_CLIENT_ID"), "cli.flag.serve.oidc-client-id")
	oidcSecretFile := fs.String("oidc-client-secret-file", os.Getenv("INFOCENTRE_OIDC_CLIENT_SECRET_FILE"), "cli.flag.serve.oidc-client-secret-file")
	passwordLogin := fs.Bool("password-login", true, "cli.flag.serve.password-login")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if len(proxyFlags) == 0 {
		proxyFlags.Set(os.Getenv("INFOCENTRE_TRUSTED_PROXY"))
	}
	proxies, err := trustedProxies(proxyFlags)
	if err != nil {
		return err
	}
	if *baseURL == "" {
		*baseURL = "http://" + *addr
	}
	fas, err := federalSignIn(*oidcIssuer, *oidcClientID, *oidcSecretFile, *baseURL)
	if err != nil {
		return err
	}
	if fas == nil && !*passwordLogin {
		return domain.Errorf(domain.EINVALID, "error.cli.password_login_off")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetMemoryLimit(ctx, *memLimit); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// Two file checks at once each hold a few hundred megabytes for a
		// moment; without a soft limit the collector lets the heap double
		// over them on a busy machine (issue 23: four hostile uploads at
		// once reached 527 MB over idle, 446 with this limit).
		debug.SetMemoryLimit(serveGoMemoryLimit)
	}
	limit, err := st.MemoryLimit(ctx)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	e.logger.Info("serve: DuckDB memory limit", "memory_limit", limit)
	if *demo {
		n, err := importer.New(st, e.logger).LoadDemo(ctx, samples.Files())
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		for org, unit := range samples.ActivityUnits() {
			if n == 0 {
				break // an existing database keeps the coordinator's units
			}
			if err := st.SetActivityUnit(ctx, domain.AuditEntry{Actor: "demo"}, org, unit); err != nil {
				return fmt.Errorf("serve: %w", err)
			}
		}
	}
	if *openData == "" {
		*openData = filepath.Join(filepath.Dir(*db), "open-data")
	}
	var sender mail.Sender
	if *smtpURL != "" {
		smtp, err := mail.ParseSMTP(*smtpURL, *mailFrom)
		if err != nil {
			return err
		}
		sender = smtp
		e.logger.Info("mail: sending through SMTP", "server", smtp.Address(), "from", *mailFrom)
	} else {
		e.logger.Info("mail: no --smtp-url; messages are kept in the outbox (/admin/outbox)")
	}
	met := metrics.New()
	mailer := mail.New(st, sender, domain.SystemClock{}, *baseURL, e.logger)
	mailer.CountInto(met)
	if *backupDir == "" {
		*backupDir = filepath.Join(filepath.Dir(*db), "backups")
	}
	backups := backup.New(st, *backupDir, *backupKeep, mailer, met, e.logger)
	cfg := web.Config{Addr: *addr, Version: version, MaxUploadBytes: *maxUpload, SecureCookies: *secure, Mailer: mailer, OpenDataDir: *openData,
		Metrics: met, Backups: backups, TrustedProxies: proxies,
		FAS: fas, PasswordLoginOff: !*passwordLogin, AccessibilityContact: *a11yContact}
	if r, err := pdf.New(pdf.Config{Chromium: *chromium, Dir: browserDir(st)}, e.logger); err != nil {
		e.logger.Warn("serve: reports are not available as PDF", "err", err)
	} else {
		defer r.Close()
		cfg.PDF = r
	}
	srv, err := web.New(cfg, st, e.logger)
	if err != nil {
		return err
	}
	serverGauges(met, st, srv, *db)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if fas != nil {
		// Read the provider's settings now if it answers; if it does not,
		// the server starts all the same and the first sign-in asks again.
		go func() {
			if err := fas.Discover(ctx); err != nil {
				e.logger.Warn("serve: the federal authentication service is not reachable yet", "err", err)
			}
		}()
	}
	mailDone := make(chan error, 1)
	go func() { mailDone <- mailer.Run(ctx, time.Minute) }()
	backupsDone := make(chan struct{})
	go func() {
		defer close(backupsDone)
		if *backupEvery > 0 {
			e.logger.Info("backup: scheduled", "dir", *backupDir, "every", backupEvery.String(), "keep", *backupKeep)
			backups.Run(ctx, *backupEvery)
		}
	}()
	metricsDone := make(chan error, 1)
	if *metricsAddr != "" {
		// Listening first: a wrong address stops the start.
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("metrics: listen %s: %w", *metricsAddr, err)
		}
		e.logger.Info("metrics: listening", "addr", "http://"+ln.Addr().String()+"/metrics")
		go func() { metricsDone <- serveMetrics(ctx, ln, met) }()
	} else {
		metricsDone <- nil
	}
	e.logger.Info("serving", "addr", "http://"+*addr, "db", *db)
	err = srv.Start(ctx)
	cancel()
	if merr := <-mailDone; err == nil {
		err = merr
	}
	if merr := <-metricsDone; err == nil {
		err = merr
	}
	<-backupsDone
	return err
}

// trustedProxies parses the --trusted-proxy values: networks in CIDR
// notation, or single addresses.
func trustedProxies(values []string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, v := range values {
		if ip := net.ParseIP(v); ip != nil {
			bits := 128
			if ip4 := ip.To4(); ip4 != nil {
				ip, bits = ip4, 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(v)
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "error.cli.trusted_proxy", v)
		}
		out = append(out, n)
	}
	return out, nil
}

// serveMetrics serves /metrics on its own address, apart from the site, so
// that only the monitoring network reaches it.
func serveMetrics(ctx context.Context, ln net.Listener, met *metrics.Metrics) error {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", met.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("metrics: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// serverGauges adds the series read when /metrics is scraped.
func serverGauges(met *metrics.Metrics, st *store.Store, srv *web.Server, db string) {
	met.Gauge("infocentre_mail_outbox_oldest_seconds", "Age of the oldest message waiting in the outbox; 0 when none waits.", func() float64 {
		at, ok, err := st.OutboxOldest(context.Background())
		if err != nil || !ok {
			return 0
		}
		return time.Since(at).Seconds()
	})
	met.Gauge("infocentre_previews_bytes", "Bytes of the uploaded files waiting for confirmation.", func() float64 {
		return float64(srv.PreviewBytes())
	})
	met.Gauge("infocentre_database_bytes", "Bytes of the database file and its write-ahead log.", func() float64 {
		var n int64
		for _, p := range []string{db, db + ".wal"} {
			if fi, err := os.Stat(p); err == nil {
				n += fi.Size()
			}
		}
		return float64(n)
	})
}

// envDuration reads a duration from the environment, def when unset or
// unreadable (the flag is then the place to correct it).
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

// envInt reads a number from the environment, def when unset or unreadable.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

// federalSignIn is the client of the federal authentication service the
// flags describe, or nil when no issuer is given. The client secret is
// read from a file, so that it appears in no process list or environment.
func federalSignIn(issuer, clientID, secretFile, baseURL string) (*oidclogin.Client, error) {
	if issuer == "" && clientID == "" && secretFile == "" {
		return nil, nil
	}
	if issuer == "" || clientID == "" || secretFile == "" {
		return nil, domain.Errorf(domain.EINVALID, "error.cli.oidc_incomplete")
	}
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && loopback(u.Hostname()))) {
		return nil, domain.Errorf(domain.EINVALID, "error.cli.oidc_issuer", issuer)
	}
	raw, err := os.ReadFile(secretFile)
	secret := strings.TrimSpace(string(raw))
	if err != nil || secret == "" {
		return nil, domain.Errorf(domain.EINVALID, "error.cli.oidc_secret", secretFile)
	}
	base := strings.TrimRight(baseURL, "/")
	return oidclogin.New(oidclogin.Config{Issuer: issuer, ClientID: clientID, ClientSecret: secret,
		RedirectURL: base + "/login/oidc/callback", PostLogoutURL: base + "/"}), nil
}

// loopback tells whether host is this machine, where a test provider may
// speak plain HTTP.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
