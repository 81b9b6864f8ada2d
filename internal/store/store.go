// Package store keeps the platform's data in DuckDB. It is the only package
// that imports the DuckDB driver.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
	"github.com/fcmn/infocentre/internal/reference"
	sqlfiles "github.com/fcmn/infocentre/sql"
)

// Store is an open DuckDB database with the platform's schema.
type Store struct {
	db      *sql.DB
	ref     atomic.Pointer[reference.Catalogue] // the live reference, see Reference
	refMu   sync.Mutex                          // one reference change at a time
	queries map[string]string
	// versions serialise the numbering of new submissions per organisation.
	versions versionLocks
	tempDir  string     // see TempDir
	backupMu sync.Mutex // one Backup at a time
	// rowsKept, when set, runs between the two transactions of
	// ImportRegister: a test stops there to be killed.
	rowsKept func()
}

// Open opens (creating if needed) the DuckDB file at path, applies pending
// migrations, writes the items of seed the database has never had (all of
// them for a new database) and loads the live reference from the database.
// An empty path opens an in-memory database.
func Open(ctx context.Context, dbPath string, seed *reference.Catalogue) (*Store, error) {
	db, err := sql.Open("duckdb", dbPath+"?"+duckdbParams())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dbPath, err)
	}
	s := &Store{db: db}
	if err := s.init(ctx, seed); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", dbPath, err)
	}
	if err := s.openTempDir(ctx, dbPath); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", dbPath, err)
	}
	return s, nil
}

// TempDir is a directory of the store's own for temporary files (a register
// being received, a previewed file). Beside a database file it is
// "<file>.tmp": only the process that holds the database uses it, so it is
// emptied when the store opens (a killed process leaves nothing there for
// long) and removed when it closes.
func (s *Store) TempDir() string { return s.tempDir }

// openTempDir empties or creates the store's temporary directory, once the
// database is held; an in-memory database has a fresh one.
func (s *Store) openTempDir(ctx context.Context, dbPath string) error {
	if dbPath == "" {
		dir, err := os.MkdirTemp("", "infocentre-memory-")
		s.tempDir = dir
		return err
	}
	s.tempDir = dbPath + ".tmp"
	left, err := os.ReadDir(s.tempDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("temporary directory: %w", err)
	}
	if len(left) > 0 {
		slog.WarnContext(ctx, "store: removed the temporary files a stopped process left", "dir", s.tempDir, "entries", len(left))
	}
	if err := os.RemoveAll(s.tempDir); err != nil {
		return fmt.Errorf("temporary directory: %w", err)
	}
	if err := os.Mkdir(s.tempDir, 0o700); err != nil {
		return fmt.Errorf("temporary directory: %w", err)
	}
	return nil
}

// duckdbParams are the connection options of every database opened here:
// DuckDB must never reach for the network to fetch extensions.
func duckdbParams() string {
	params := url.Values{}
	params.Set("autoinstall_known_extensions", "false")
	params.Set("autoload_known_extensions", "false")
	return params.Encode()
}

func (s *Store) init(ctx context.Context, seed *reference.Catalogue) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	queries, err := loadQueries()
	if err != nil {
		return err
	}
	s.queries = queries
	migrated, err := s.migrate(ctx)
	if err != nil {
		return err
	}
	seeded, err := s.seedReference(ctx, seed.Seed())
	if err != nil {
		return err
	}
	ref, err := s.loadReference(ctx)
	if err != nil {
		return err
	}
	s.ref.Store(ref)
	cleaned, err := s.removeOrphanUploads(ctx)
	if err != nil {
		return err
	}
	if !migrated && !seeded && !cleaned {
		return nil // nothing written: no log to fold into the file
	}
	_, err = s.db.ExecContext(ctx, "CHECKPOINT")
	return err
}

// Close closes the database and removes the store's temporary directory.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.tempDir != "" {
		err = errors.Join(err, os.RemoveAll(s.tempDir))
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func loadQueries() (map[string]string, error) {
	entries, err := fs.ReadDir(sqlfiles.Queries, "queries")
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	out := map[string]string{}
	for _, e := range entries {
		raw, err := fs.ReadFile(sqlfiles.Queries, path.Join("queries", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read query %s: %w", e.Name(), err)
		}
		out[strings.TrimSuffix(e.Name(), ".sql")] = string(raw)
	}
	return out, nil
}

// query returns the named query of sql/queries; a missing name is a bug.
func (s *Store) query(name string) string {
	q, ok := s.queries[name]
	if !ok {
		panic("store: no query named " + name)
	}
	return q
}

// migrate applies the pending migrations and tells whether there were any.
func (s *Store) migrate(ctx context.Context) (bool, error) {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return false, fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := false
	// Every migration not yet applied runs, not only those above the
	// highest: branches developed in parallel land their numbers out of order.
	done := map[int]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return false, fmt.Errorf("read schema version: %w", err)
		}
		done[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	entries, err := fs.ReadDir(sqlfiles.Migrations, "migrations")
	if err != nil {
		return false, fmt.Errorf("read migrations: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		num, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return false, fmt.Errorf("migration %s: name must start with a number: %w", name, err)
		}
		if done[num] {
			continue
		}
		applied = true
		raw, err := fs.ReadFile(sqlfiles.Migrations, path.Join("migrations", name))
		if err != nil {
			return false, fmt.Errorf("read migration %s: %w", name, err)
		}
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(raw)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, num, name)
			return err
		}); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return applied, nil
}

// inTx runs fn in a transaction, committed only if fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
