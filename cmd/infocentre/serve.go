package main

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/oidclogin"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/web"
	"github.com/fcmn/infocentre/samples"
)

// defaultServeMemory caps the server's DuckDB: the dashboards need a few
// megabytes, a register upload spills past it.
const defaultServeMemory = "256MB"

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
	baseURL := fs.String("base-url", os.Getenv("INFOCENTRE_BASE_URL"), "cli.flag.serve.base-url")
	chromium := chromiumFlag(fs)
	openData := fs.String("open-data-dir", "", "cli.flag.serve.open-data-dir")
	oidcIssuer := fs.String("oidc-issuer", os.Getenv("INFOCENTRE_OIDC_ISSUER"), "cli.flag.serve.oidc-issuer")
	oidcClientID := fs.String("oidc-client-id", os.Getenv("INFOCENTRE_OIDC_CLIENT_ID"), "cli.flag.serve.oidc-client-id")
	oidcSecretFile := fs.String("oidc-client-secret-file", os.Getenv("INFOCENTRE_OIDC_CLIENT_SECRET_FILE"), "cli.flag.serve.oidc-client-secret-file")
	passwordLogin := fs.Bool("password-login", true, "cli.flag.serve.password-login")
	if err := parseFlags(fs, e, args); err != nil {
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
	mailer := mail.New(st, sender, domain.SystemClock{}, *baseURL, e.logger)
	cfg := web.Config{Addr: *addr, Version: version, MaxUploadBytes: *maxUpload, SecureCookies: *secure, Mailer: mailer, OpenDataDir: *openData,
		FAS: fas, PasswordLoginOff: !*passwordLogin}
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
	e.logger.Info("serving", "addr", "http://"+*addr, "db", *db)
	err = srv.Start(ctx)
	cancel()
	if merr := <-mailDone; err == nil {
		err = merr
	}
	return err
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
