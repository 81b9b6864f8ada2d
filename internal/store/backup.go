package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// TableDigest is what a backup and a restore compare of one table: its
// rows and a digest of them that does not depend on their order.
type TableDigest struct {
	Name   string `json:"name"`
	Rows   int64  `json:"rows"`
	Digest uint64 `json:"digest"`
}

// Snapshot is the moment a backup holds: the data version and every
// table's digest, read in the transaction that copied them.
type Snapshot struct {
	DataVersion int64
	Tables      []TableDigest
}

// backupAlias is the name the backup file is attached under; Backup runs
// one at a time (backupMu), since attached names are shared by every
// connection of the database.
const backupAlias = "infocentre_backup"

// Backup writes a copy of the whole database (tables, sequences, indexes
// and constraints) to the new DuckDB file at path, while the server goes
// on: one read transaction copies it with COPY FROM DATABASE, so the copy
// is one moment of the database and writers never wait for it. The copy is
// read back in the same transaction and compared with the live tables,
// table by table. A register upload caught between its two transactions
// is in the copy as rows without submissions, which Open removes, as
// after a stopped process.
func (s *Store) Backup(ctx context.Context, path string) (Snapshot, error) {
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	snap, err := s.backup(ctx, path)
	if err != nil {
		return Snapshot{}, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return snap, nil
}

func (s *Store) backup(ctx context.Context, path string) (snap Snapshot, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	defer conn.Close()
	// ATTACH takes no parameters; the path is the server's own backup
	// folder, quoted as a string literal.
	if _, err := conn.ExecContext(ctx, "ATTACH '"+strings.ReplaceAll(path, "'", "''")+"' AS "+backupAlias); err != nil {
		return Snapshot{}, fmt.Errorf("attach: %w", err)
	}
	defer func() {
		// A fresh context: the file must be closed also when ctx ended.
		if _, derr := conn.ExecContext(context.Background(), "DETACH "+backupAlias); derr != nil {
			err = errors.Join(err, fmt.Errorf("detach: %w", derr))
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return Snapshot{}, err
	}
	defer tx.Rollback()
	var live string
	if err := tx.QueryRowContext(ctx, "SELECT current_database()").Scan(&live); err != nil {
		return Snapshot{}, err
	}
	var v uint64
	if err := tx.QueryRowContext(ctx, s.query("store_data_version")).Scan(&v); err != nil {
		return Snapshot{}, fmt.Errorf("data version: %w", err)
	}
	snap.DataVersion = int64(v)
	if snap.Tables, err = s.digests(ctx, tx, live); err != nil {
		return Snapshot{}, err
	}
	if _, err := tx.ExecContext(ctx, "COPY FROM DATABASE "+quoteIdent(live)+" TO "+backupAlias); err != nil {
		return Snapshot{}, fmt.Errorf("copy: %w", err)
	}
	copied, err := s.digests(ctx, tx, backupAlias)
	if err != nil {
		return Snapshot{}, fmt.Errorf("read the copy: %w", err)
	}
	if err := SameTables(snap.Tables, copied); err != nil {
		return Snapshot{}, fmt.Errorf("the copy differs from the database: %w", err)
	}
	return snap, tx.Commit()
}

// Digests reads every row of every table of the store.
func (s *Store) Digests(ctx context.Context) ([]TableDigest, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: digests: %w", err)
	}
	defer tx.Rollback()
	var name string
	if err := tx.QueryRowContext(ctx, "SELECT current_database()").Scan(&name); err != nil {
		return nil, fmt.Errorf("store: digests: %w", err)
	}
	out, err := s.digests(ctx, tx, name)
	if err != nil {
		return nil, fmt.Errorf("store: digests: %w", err)
	}
	return out, nil
}

// CheckFile opens the DuckDB file at path read-only, without migrating it,
// and reads every row of every table: DuckDB checks each block it reads
// against its checksum, so a damaged file fails here. It returns the
// tables' digests.
func CheckFile(ctx context.Context, path string) ([]TableDigest, error) {
	db, err := sql.Open("duckdb", path+"?access_mode=read_only&"+duckdbParams())
	if err != nil {
		return nil, fmt.Errorf("store: check %s: %w", path, err)
	}
	defer db.Close()
	queries, err := loadQueries()
	if err != nil {
		return nil, fmt.Errorf("store: check %s: %w", path, err)
	}
	s := &Store{db: db, queries: queries}
	out, err := s.Digests(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: check %s: %w", path, err)
	}
	return out, nil
}

// digests reads the tables of the attached database named db; the
// identifiers come from DuckDB's catalogue, never from a request.
func (s *Store) digests(ctx context.Context, tx *sql.Tx, db string) ([]TableDigest, error) {
	rows, err := tx.QueryContext(ctx, s.query("backup_tables"), db)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var out []TableDigest
	for rows.Next() {
		var t TableDigest
		if err := rows.Scan(&t.Name); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list tables: %w", err)
		}
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	if len(out) == 0 {
		return nil, errors.New("no tables")
	}
	for i := range out {
		q := "SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM " + quoteIdent(db) + ".main." + quoteIdent(out[i].Name) + " AS t"
		if err := tx.QueryRowContext(ctx, q).Scan(&out[i].Rows, &out[i].Digest); err != nil {
			return nil, fmt.Errorf("read table %s: %w", out[i].Name, err)
		}
	}
	return out, nil
}

// SameTables tells how two lists of digests differ, or nil.
func SameTables(want, got []TableDigest) error {
	if len(want) != len(got) {
		return fmt.Errorf("%d tables, not %d", len(got), len(want))
	}
	for i := range want {
		if want[i] != got[i] {
			return fmt.Errorf("table %s: %d rows (digest %x), not %d (digest %x)",
				want[i].Name, got[i].Rows, got[i].Digest, want[i].Rows, want[i].Digest)
		}
	}
	return nil
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
