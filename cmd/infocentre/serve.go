package main

import (
	"context"
	"fmt"
	"os"

	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/web"
	"github.com/fcmn/infocentre/samples"
)

// defaultServeMemory caps the server's DuckDB: the dashboards need a few
// megabytes, a register upload spills past it.
const defaultServeMemory = "256MB"

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
	memLimit := fs.String("memory-limit", defaultServeMemory, "cap DuckDB's memory, e.g. 256MB: one heavy request spills to disk instead of failing the others")
	if err := parseFlags(fs, args); err != nil {
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
	limit, err := st.MemoryLimit(ctx)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	e.logger.Info("serve: DuckDB memory limit", "memory_limit", limit)
	if *demo {
		if _, err := importer.New(st, e.logger).LoadDemo(ctx, samples.Files()); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	srv, err := web.New(web.Config{Addr: *addr, Version: version, MaxUploadBytes: *maxUpload, SecureCookies: *secure}, st, e.logger)
	if err != nil {
		return err
	}
	e.logger.Info("serving", "addr", "http://"+*addr, "db", *db)
	return srv.Start(ctx)
}
