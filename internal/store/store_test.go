package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fcmn/infocentre/internal/reference"
)

// MustOpen opens a store on a fresh DuckDB file in a temp dir, closed at the
// end of the test.
func MustOpen(tb testing.TB) (*Store, string) {
	tb.Helper()
	ref, err := reference.Load()
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "test.duckdb")
	s, err := Open(context.Background(), path, ref)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenTwiceKeepsSchema(t *testing.T) {
	s, path := MustOpen(t)
	s.Close()
	s2, err := Open(context.Background(), path, s.Reference())
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	var n int
	if err := s2.db.QueryRow(`SELECT count(*) FROM organisations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(s.Reference().Organisations) {
		t.Errorf("organisations = %d, want %d", n, len(s.Reference().Organisations))
	}
}
