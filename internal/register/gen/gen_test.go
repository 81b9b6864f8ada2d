package gen

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteIsReproducible(t *testing.T) {
	var a, b bytes.Buffer
	cfg := Config{Rows: 500, FirstYear: 2023, Seed: 7}
	if err := Write(&a, cfg); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, cfg); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("the same seed wrote two different registers")
	}
	lines := strings.Split(strings.TrimSuffix(a.String(), "\n"), "\n")
	if len(lines) != cfg.Rows+1 || lines[0] != Header {
		t.Fatalf("%d lines, header %q", len(lines), lines[0])
	}
	for _, line := range lines[1:] {
		cells := strings.Split(line, ",")
		if len(cells) != 10 || !strings.HasPrefix(cells[1], "2023-") && !strings.HasPrefix(cells[1], "2024-") {
			t.Fatalf("row %q: want 10 cells received in 2023 or 2024", line)
		}
		// An open or inadmissible complaint has no outcome; a closed one has.
		if (cells[8] == "") != (cells[5] == "") {
			t.Fatalf("row %q: outcome and closing date disagree", line)
		}
	}
}
