// Package storetest opens stores for the tests of the packages built on
// internal/store.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Open opens a store with the embedded reference data on a new DuckDB file
// in the test's temporary directory, closed when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	return OpenFile(tb, filepath.Join(tb.TempDir(), "test.duckdb"))
}

// OpenFile opens the store of the DuckDB file at path (created if need be,
// with the embedded reference data), closed when the test ends: a test reads
// what a command or a server wrote there.
func OpenFile(tb testing.TB, path string) *store.Store {
	tb.Helper()
	ref, err := reference.Load()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(context.Background(), path, ref)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
