package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// TestReadLimited: a file is read whole up to max bytes, its size known
// beforehand or not (a pipe), and refused past max, with the domain error
// the CLI prints in its language.
func TestReadLimited(t *testing.T) {
	const max = 1 << 20
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		size int
		ok   bool
	}{
		{"empty", 0, true},
		{"small", 10, true},
		{"one under max", max - 1, true},
		{"max", max, true},
		{"one over max", max + 1, false},
		{"twice max", 2 * max, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := bytes.Repeat([]byte("x;"), tt.size/2+1)[:tt.size]
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(path, want, 0o600); err != nil {
				t.Fatal(err)
			}
			check := func(from string, got []byte, err error) {
				t.Helper()
				var de *domain.Error
				switch {
				case tt.ok && err != nil:
					t.Errorf("%s: %v", from, err)
				case tt.ok && !bytes.Equal(got, want):
					t.Errorf("%s: read %d bytes, want the %d of the file", from, len(got), len(want))
				case !tt.ok && (!errors.As(err, &de) || de.Key != "error.cli.file_too_large"):
					t.Errorf("%s: err = %v, want error.cli.file_too_large", from, err)
				}
			}
			got, err := readLimited(path, max)
			check("file", got, err)
			// A pipe has no size to read ahead.
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			go func() { w.Write(want); w.Close() }()
			defer r.Close()
			got, err = readLimited(fmt.Sprintf("/dev/fd/%d", r.Fd()), max)
			check("pipe", got, err)
		})
	}
}

// TestGCForImport: an import runs with the collector at importGCPercent and
// importMemoryLimit unless GOGC or GOMEMLIMIT is set, and what was there
// before comes back afterwards.
func TestGCForImport(t *testing.T) {
	for _, tt := range []struct {
		name, gogc, gomemlimit string
		percent                int
		limit                  int64
	}{
		{"defaults", "", "", importGCPercent, importMemoryLimit},
		{"GOGC set", "150", "", 77, importMemoryLimit},
		{"GOMEMLIMIT set", "", "1GiB", importGCPercent, 1 << 40},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", tt.gogc)
			t.Setenv("GOMEMLIMIT", tt.gomemlimit)
			// What the process runs with, as GOGC and GOMEMLIMIT would set it.
			percent, limit := 77, int64(1<<40)
			if tt.gogc == "" {
				percent = 100
			}
			defer debug.SetGCPercent(debug.SetGCPercent(percent))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
			restore := gcForImport()
			gotPercent, gotLimit := gcSettings()
			if gotPercent != tt.percent || gotLimit != tt.limit {
				t.Errorf("during the import: GOGC %d, limit %d; want %d, %d", gotPercent, gotLimit, tt.percent, tt.limit)
			}
			restore()
			gotPercent, gotLimit = gcSettings()
			if gotPercent != percent || gotLimit != limit {
				t.Errorf("after: GOGC %d, limit %d; want %d, %d back", gotPercent, gotLimit, percent, limit)
			}
		})
	}
}

// gcSettings reads the collector's percent and memory limit, changing
// neither: runtime/debug reads them only by setting them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}
