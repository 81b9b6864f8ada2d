// Package store keeps the platform's data in DuckDB. It is the only package
// that imports the DuckDB driver.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
	"github.com/fcmn/infocentre/internal/reference"
	sqlfiles "github.com/fcmn/infocentre/sql"
)

// Store is an open DuckDB database with the platform's schema.
type Store struct {
	db      *sql.DB
	ref     *reference.Catalogue
	queries map[string]string
}

// Open opens (creating if needed) the DuckDB file at path, applies pending
// migrations and refreshes the reference tables. An empty path opens an
// in-memory database.
func Open(ctx context.Context, dbPath string, ref *reference.Catalogue) (*Store, error) {
	db, err := sql.Open("duckdb", dbPath+"?"+duckdbParams())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dbPath, err)
	}
	s := &Store{db: db, ref: ref}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", dbPath, err)
	}
	return s, nil
}

// duckdbParams are the connection options of every database opened here:
// DuckDB must never reach for the network to fetch extensions.
func duckdbParams() string {
	params := url.Values{}
	params.Set("autoinstall_known_extensions", "false")
	params.Set("autoload_known_extensions", "false")
	return params.Encode()
}

func (s *Store) init(ctx context.Context) error {
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
	refreshed, err := s.refreshReference(ctx)
	if err != nil {
		return err
	}
	if !migrated && !refreshed {
		return nil // nothing written: no log to fold into the file
	}
	_, err = s.db.ExecContext(ctx, "CHECKPOINT")
	return err
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Reference returns the reference catalogue the store was opened with.
func (s *Store) Reference() *reference.Catalogue { return s.ref }

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
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
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
		if num <= current {
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

// refreshReference makes the reference tables equal to the embedded
// catalogue, one statement per table (a statement per row made opening a
// new database take a second). It tells whether it changed a row.
func (s *Store) refreshReference(ctx context.Context) (changed bool, err error) {
	orgs := make([][]string, 7)
	for _, o := range s.ref.Organisations {
		for i, v := range []string{o.Code, o.Name.NL, o.Name.FR, o.Name.EN, o.Kind, o.SecondLine, o.Group} {
			orgs[i] = append(orgs[i], v)
		}
	}
	inds := make([][]string, 7)
	for _, in := range s.ref.Indicators {
		for i, v := range []string{in.Code, in.Unit, in.Breakdown, in.Label.NL, in.Label.FR, in.Label.EN, in.Definition} {
			inds[i] = append(inds[i], v)
		}
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range []struct {
			query string
			cols  [][]string
		}{{"reference_upsert_organisation", orgs}, {"reference_upsert_indicator", inds}} {
			args := make([]any, len(t.cols))
			for i, c := range t.cols {
				args[i] = nonNil(c)
			}
			r, err := tx.ExecContext(ctx, s.query(t.query), args...)
			if err != nil {
				return fmt.Errorf("refresh %s: %w", t.query, err)
			}
			if n, err := r.RowsAffected(); err == nil && n > 0 {
				changed = true
			}
		}
		return nil
	})
	return changed, err
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
