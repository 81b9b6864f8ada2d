package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// BaselineReadCSV loads a long CSV (organisation,year,indicator,breakdown,
// value) with DuckDB's own read_csv into a scratch table and drops it. It is
// for benchmarks only: the yardstick an import is compared with.
func (s *Store) BaselineReadCSV(ctx context.Context, csvPath string) error {
	if _, err := s.db.ExecContext(ctx, s.query("store_baseline_read_csv"), csvPath); err != nil {
		return fmt.Errorf("store: baseline read_csv %s: %w", csvPath, err)
	}
	if _, err := s.db.ExecContext(ctx, s.query("store_baseline_drop")); err != nil {
		return fmt.Errorf("store: baseline drop: %w", err)
	}
	return nil
}

// BaselineCSV is how DuckDB alone reads a file of a benchmark.
type BaselineCSV struct {
	Path, Delimiter, DateFormat, Encoding string
	Skip                                  int    // lines above the header
	Decimal                               string // decimal mark, for BaselineReadCSVAsExported
}

// BaselineReadCSVAsExported is BaselineReadCSV for a long CSV shaped as an
// administration exports it (title line, separator, encoding, decimal mark,
// dates), given the options a user would give read_csv.
func (s *Store) BaselineReadCSVAsExported(ctx context.Context, f BaselineCSV) error {
	if _, err := s.db.ExecContext(ctx, s.query("store_baseline_read_csv_as_exported"), f.Path, f.Delimiter, f.Skip, f.DateFormat, f.Encoding, f.Decimal); err != nil {
		return fmt.Errorf("store: baseline read_csv %s: %w", f.Path, err)
	}
	if _, err := s.db.ExecContext(ctx, s.query("store_baseline_drop")); err != nil {
		return fmt.Errorf("store: baseline drop: %w", err)
	}
	return nil
}

// BaselineRegisterFile is the whole-process yardstick of `infocentre
// register`, for benchmarks only: a new database file with nothing but the
// three tables register_indicators.sql reads, DuckDB's own read_csv of the
// file into register_rows, committed, then the same indicator SQL.
func BaselineRegisterFile(ctx context.Context, dbPath string, f BaselineCSV, org string, values []RegisterValue, channels, languages, types []string) ([]domain.Observation, error) {
	queries, err := loadQueries()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", dbPath+"?"+duckdbParams())
	if err != nil {
		return nil, fmt.Errorf("store: baseline %s: %w", dbPath, err)
	}
	defer db.Close()
	s := &Store{db: db, queries: queries}
	if _, err := db.ExecContext(ctx, s.query("register_baseline_schema")); err != nil {
		return nil, fmt.Errorf("store: baseline schema: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	const upload = -1
	var rows int64
	err = func() error {
		tx, err := conn.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		res, err := tx.ExecContext(ctx, s.query("register_baseline_file_load"), upload, f.Path, f.Delimiter, f.Skip, f.DateFormat, f.Encoding, org)
		if err != nil {
			return fmt.Errorf("load %s: %w", f.Path, err)
		}
		if rows, err = res.RowsAffected(); err != nil {
			return err
		}
		if err := appendRegisterValues(conn, upload, values); err != nil {
			return err
		}
		return tx.Commit()
	}()
	if err != nil {
		return nil, fmt.Errorf("store: baseline: %w", err)
	}
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return s.computeRegister(ctx, tx, upload, rows, RegisterRequest{Channels: channels, Languages: languages, Types: types})
}

// BaselineImportFile is the whole-process yardstick of `infocentre import`
// on a long CSV, for benchmarks only: a new database file with nothing in
// it (no migrations, no reference data), DuckDB's own read_csv of the file
// into a table, counted, committed, and the database closed. With exported, read_csv
// is told f's options (store_baseline_read_csv_as_exported); otherwise it
// reads the plain CSV with its defaults (store_baseline_read_csv). It
// returns the rows loaded.
func BaselineImportFile(ctx context.Context, dbPath string, f BaselineCSV, exported bool) (int64, error) {
	queries, err := loadQueries()
	if err != nil {
		return 0, err
	}
	db, err := sql.Open("duckdb", dbPath+"?"+duckdbParams())
	if err != nil {
		return 0, fmt.Errorf("store: baseline %s: %w", dbPath, err)
	}
	s := &Store{db: db, queries: queries}
	query, args := s.query("store_baseline_read_csv"), []any{f.Path}
	if exported {
		query, args = s.query("store_baseline_read_csv_as_exported"), []any{f.Path, f.Delimiter, f.Skip, f.DateFormat, f.Encoding, f.Decimal}
	}
	rows, err := func() (int64, error) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return 0, fmt.Errorf("read_csv %s: %w", f.Path, err)
		}
		var rows int64
		if err := tx.QueryRowContext(ctx, s.query("store_baseline_count")).Scan(&rows); err != nil {
			return 0, fmt.Errorf("count: %w", err)
		}
		return rows, tx.Commit()
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("store: baseline: %w", err)
	}
	return rows, nil
}
