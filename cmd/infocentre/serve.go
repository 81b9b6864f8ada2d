package main

import (
	"context"
	"fmt"
	"os"

	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/web"
	"github.com/fcmn/infocentre/samples"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("serve", e)
	db := dbFlag(fs)
	defAddr := os.Getenv("INFOCENTRE_ADDR")
	if defAddr == "" {
		defAddr = "127.0.0.1:8080"
	}
	addr := fs.String("addr", defAddr, "address to listen on (env INFOCENTRE_ADDR)")
	demo := fs.Bool("demo", false, "load the sample exports into the database if it holds no submission")
	maxUpload := fs.Int64("max-upload-bytes", 20_000_000, "largest accepted upload, in bytes")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (behind TLS)")
	chromium := chromiumFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *demo {
		if _, err := importer.New(st, e.logger).LoadDemo(ctx, samples.Files()); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	cfg := web.Config{Addr: *addr, Version: version, MaxUploadBytes: *maxUpload, SecureCookies: *secure}
	if r, err := pdf.New(pdf.Config{Chromium: *chromium}, e.logger); err != nil {
		e.logger.Warn("serve: reports are not available as PDF", "err", err)
	} else {
		defer r.Close()
		cfg.PDF = r
	}
	srv, err := web.New(cfg, st, e.logger)
	if err != nil {
		return err
	}
	e.logger.Info("serving", "addr", "http://"+*addr, "db", *db)
	return srv.Start(ctx)
}
