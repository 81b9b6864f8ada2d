package store

import (
	"context"
	"fmt"
)

// DataVersion returns a number that changes whenever something that can
// change the published figures is written, for use as a cache key. It is a
// fingerprint of every submission's id and status: observations are written
// once with their submission and never change, so the published figures are
// a function of that set alone. Unlike a counter it needs no cooperation from
// the code that approves or returns submissions.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v uint64
	if err := s.db.QueryRowContext(ctx, s.query("store_data_version")).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: data version: %w", err)
	}
	return int64(v), nil
}
