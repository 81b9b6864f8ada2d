package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// PublishedModified returns when the published figures last changed; the
// zero time when nothing is published.
func (s *Store) PublishedModified(ctx context.Context) (time.Time, error) {
	var t sql.NullTime
	if err := s.db.QueryRowContext(ctx, s.query("opendata_modified")).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("store: published modified: %w", err)
	}
	return t.Time.UTC(), nil
}

// CopyPublishedParquet writes the published figures to a Parquet file with
// DuckDB's COPY. COPY takes no parameter for its file, so path must come
// from the server's configuration, never from a request; it is quoted as a
// string literal.
func (s *Store) CopyPublishedParquet(ctx context.Context, path string) error {
	q := fmt.Sprintf("COPY (%s) TO '%s' (FORMAT parquet, COMPRESSION zstd)",
		strings.TrimSpace(s.query("opendata_observations")), strings.ReplaceAll(path, "'", "''"))
	if _, err := s.db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("store: copy published to parquet %s: %w", path, err)
	}
	return nil
}
