package ingest

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestAppendWindows1252 decodes every byte as charmap's decoder does, and a
// text decoded in pieces as it is whole (registers are converted a
// megabyte at a time).
func TestAppendWindows1252(t *testing.T) {
	var all []byte
	for b := range 256 {
		all = append(all, byte(b), 'a')
	}
	latin := []byte("Num\xe9ro de plainte;R\xe9ponse \x96 \x93fond\xe9e\x94 \x80 12")
	want, err := charmap.Windows1252.NewDecoder().Bytes(all)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendWindows1252(nil, all); string(got) != string(want) {
		t.Errorf("every byte: got %q, want %q", got, want)
	}
	whole := AppendWindows1252(nil, latin)
	if string(whole) != "Numéro de plainte;Réponse – “fondée” € 12" {
		t.Errorf("text: %q", whole)
	}
	for cut := range latin {
		pieces := AppendWindows1252(AppendWindows1252(nil, latin[:cut]), latin[cut:])
		if string(pieces) != string(whole) {
			t.Errorf("cut at %d: %q", cut, pieces)
		}
	}
	// ASCII goes eight bytes at a time: one other byte anywhere in a run.
	ascii := []byte("abcdefghijklmnopqrstuvwxyz;12345")
	for b := 0x80; b < 0x100; b++ {
		for at := range len(ascii) + 1 {
			text := append(append(append([]byte{}, ascii[:at]...), byte(b)), ascii[at:]...)
			want, err := charmap.Windows1252.NewDecoder().Bytes(text)
			if err != nil {
				t.Fatal(err)
			}
			if got := AppendWindows1252(nil, text); string(got) != string(want) {
				t.Errorf("byte %#x at %d: got %q, want %q", b, at, got, want)
			}
		}
	}
}
