package main

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/backup"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// runRestore is `infocentre restore --from FILE --db NEW [--force]`.
func runRestore(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("restore", e, "cli.usage.restore")
	from := fs.String("from", "", "cli.flag.restore.from")
	db := fs.String("db", "", "cli.flag.restore.db")
	force := fs.Bool("force", false, "cli.flag.restore.force")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *from == "" || *db == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	ref, err := reference.Load()
	if err != nil {
		return err
	}
	tables, err := backup.Restore(ctx, *from, *db, *force, ref)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.restore.done", *from, *db, len(tables), rowsOf(tables)))
	return nil
}

// runVerify is `infocentre verify --db FILE`.
func runVerify(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("verify", e, "cli.usage.verify")
	db := fs.String("db", "", "cli.flag.verify.db")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *db == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	tables, err := backup.Verify(ctx, *db)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.verify.done", *db, len(tables), rowsOf(tables)))
	return nil
}

func rowsOf(tables []store.TableDigest) int64 {
	var n int64
	for _, t := range tables {
		n += t.Rows
	}
	return n
}
