package store

import (
	"context"
	"fmt"
)

// HasSubmissions tells whether any submission was ever stored, so that demo
// data is loaded into an empty database only.
func (s *Store) HasSubmissions(ctx context.Context) (bool, error) {
	var has bool
	if err := s.db.QueryRowContext(ctx, s.query("demo_has_submissions")).Scan(&has); err != nil {
		return false, fmt.Errorf("store: count submissions: %w", err)
	}
	return has, nil
}
