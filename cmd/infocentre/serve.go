package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/pdf"
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
	baseURL := fs.String("base-url", os.Getenv("INFOCENTRE_BASE_URL"), "cli.flag.serve.base-url")
	chromium := chromiumFlag(fs)
	openData := fs.String("open-data-dir", "", "cli.flag.serve.open-data-dir")
	var proxyFlags listFlag
	fs.Var(&proxyFlags, "trusted-proxy", "cli.flag.serve.trusted-proxy")
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
	if *baseURL == "" {
		*baseURL = "http://" + *addr
	}
	mailer := mail.New(st, sender, domain.SystemClock{}, *baseURL, e.logger)
	cfg := web.Config{Addr: *addr, Version: version, MaxUploadBytes: *maxUpload, SecureCookies: *secure, Mailer: mailer,
		OpenDataDir: *openData, TrustedProxies: proxies}
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
