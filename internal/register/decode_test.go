package register

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// TestDecodedCSV: DuckDB reads a UTF-8 file and a Windows-1252 file that
// Latin-1 reads the same as they are; a Windows-1252 file with a byte where
// the two differ is read from a UTF-8 copy.
func TestDecodedCSV(t *testing.T) {
	tests := []struct {
		file         string
		wantEncoding string
		wantCopy     bool
	}{
		{"testdata/rules_en.csv", encodingUTF8, false},
		{"testdata/rules_nl.csv", encodingLatin1, false},
		{"testdata/rules_nl_quotes.csv", encodingUTF8, true},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			start, err := readStart(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			path, encoding, err := decodedCSV(tt.file, t.TempDir(), start)
			if err != nil {
				t.Fatal(err)
			}
			if encoding != tt.wantEncoding || (path != tt.file) != tt.wantCopy {
				t.Fatalf("path %s, encoding %s; want encoding %s, a copy: %v", path, encoding, tt.wantEncoding, tt.wantCopy)
			}
			if tt.wantCopy {
				text, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(string(text), "Organisatie : FOD Financiën – “klachten”\r\n") {
					t.Errorf("converted copy starts %.60q", text)
				}
			}
		})
	}
}

// TestHoldsC1: a byte 0x80–0x9F is found wherever it stands, and no other
// byte is taken for one.
func TestHoldsC1(t *testing.T) {
	for b := range 256 {
		for at := range 20 {
			text := []byte(strings.Repeat("a", 19))
			text = append(text[:at], append([]byte{byte(b)}, text[at:]...)...)
			if got, want := holdsC1(text), b >= 0x80 && b <= 0x9F; got != want {
				t.Errorf("byte %#x at %d of %d: %v, want %v", b, at, len(text), got, want)
			}
		}
	}
	if holdsC1([]byte(strings.Repeat("\xa0\xff\x7f\x60", 10))) {
		t.Error("bytes around 0x80–0x9F taken for one of them")
	}
}

// TestWindows1252Reader reads what AppendWindows1252 gives, however small
// the reads of the file.
func TestWindows1252Reader(t *testing.T) {
	raw, err := os.ReadFile("testdata/rules_nl_quotes.csv")
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]io.Reader{
		"whole":       strings.NewReader(string(raw)),
		"byte a read": iotest.OneByteReader(strings.NewReader(string(raw))),
		"half a read": iotest.HalfReader(strings.NewReader(string(raw))),
	} {
		got, err := io.ReadAll(newWindows1252Reader(r))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(got), "Organisatie : FOD Financiën – “klachten”\r\nKlachtnummer;") || strings.Count(string(got), "\n") != strings.Count(string(raw), "\n") {
			t.Errorf("%s: %.80q", name, got)
		}
	}
}
