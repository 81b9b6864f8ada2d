package store

import (
	"context"
	"fmt"
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
