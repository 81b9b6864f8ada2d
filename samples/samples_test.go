package samples

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFilesAreTheExports checks that the embedded file system holds exactly
// the files of exports/, with their bytes, and nothing else.
func TestFilesAreTheExports(t *testing.T) {
	entries, err := os.ReadDir("exports")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		want = append(want, e.Name())
	}
	embedded, err := fs.ReadDir(Files(), ".")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range embedded {
		if e.IsDir() {
			t.Errorf("unexpected directory %s", e.Name())
		}
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Files() lists %q, exports/ holds %q", got, want)
	}
	for _, name := range want {
		t.Run(name, func(t *testing.T) {
			disk, err := os.ReadFile(filepath.Join("exports", name))
			if err != nil {
				t.Fatal(err)
			}
			data, err := fs.ReadFile(Files(), name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, disk) {
				t.Error("embedded bytes differ from the file")
			}
		})
	}
}

func TestExpected(t *testing.T) {
	disk, err := os.ReadFile("expected.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := Expected()
	if !bytes.Equal(got, disk) {
		t.Fatal("Expected() differs from expected.csv")
	}
	got[0] = 'X'
	if Expected()[0] != 'o' {
		t.Error("Expected() shares its bytes with the caller")
	}
}

// TestActivityUnits: every administration with an activity volume in the
// samples has its unit, and only those.
func TestActivityUnits(t *testing.T) {
	withVolume := map[string]bool{}
	for _, line := range strings.Split(string(Expected()), "\n") {
		if f := strings.Split(line, ","); len(f) == 5 && f[2] == "activity_volume" {
			withVolume[f[0]] = true
		}
	}
	units := ActivityUnits()
	if len(withVolume) != len(units) {
		t.Errorf("activity volume reported by %v, units for %v", withVolume, units)
	}
	for org := range withVolume {
		if units[org] == "" {
			t.Errorf("%s reports an activity volume without a unit", org)
		}
	}
}
