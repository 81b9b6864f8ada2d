package longgen

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestBaselineImportFile: the yardstick of `make bench-import` loads every
// observation of both files genlong writes into a new database.
func TestBaselineImportFile(t *testing.T) {
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	obs := Observations(ref, 2020, 2021)
	tests := []struct {
		name     string
		exported bool
		write    func(path string) error
	}{
		{"plain", false, func(path string) error { return WriteCSV(path, obs) }},
		{"exported", true, func(path string) error { return WriteCSVAsExported(path, ref, obs) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f := store.BaselineCSV{}
			if tt.exported {
				f = AsExported
			}
			f.Path = filepath.Join(dir, "long.csv")
			if err := tt.write(f.Path); err != nil {
				t.Fatal(err)
			}
			rows, err := store.BaselineImportFile(context.Background(), filepath.Join(dir, "new.duckdb"), f, tt.exported)
			if err != nil {
				t.Fatal(err)
			}
			if rows != int64(len(obs)) {
				t.Errorf("%d rows loaded, want %d", rows, len(obs))
			}
		})
	}
}
