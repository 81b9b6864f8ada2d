package ingest

import (
	"encoding/csv"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// encodingCSV is how readCSV read records before csvRecords: encoding/csv
// with LazyQuotes, the line of each record's first cell.
func encodingCSV(text string, sep rune) []row {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out []row
	for {
		rec, err := r.Read()
		if err != nil {
			return out
		}
		line, _ := r.FieldPos(0)
		out = append(out, row{num: line, cells: rec})
	}
}

func allRecords(t *testing.T, text string, sep rune) []row {
	return records(t, &csvReader{text: text, sep: sep})
}

func records(t *testing.T, c *csvReader) []row {
	next := c.next
	var out []row
	for {
		r, err := next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		r.cells = slices.Clone(r.cells) // the next record may reuse them
		out = append(out, r)
	}
}

// csvTexts are the line shapes exports have, and their odd corners.
var csvTexts = []string{
	"",
	"a,b\n1,2\n",
	"a,b\r\n1,2\r\n",
	"a,b\n1,2",                             // no line break at the end
	"a,b\r\n1,2\r",                         // a \r alone at the end
	"a,b\n\n\r\n1,2\n\n",                   // blank lines count but are skipped
	"a,,b,\n,\n",                           // empty cells
	"a\rb,c\r\r\n",                         // \r inside a line is a character
	"title only\nA;B;C\n1;2,5;3\n",         // a title line above the header
	"h1,h2\n\"x, y\",2\n3,4\n",             // a quoted cell with the separator
	"h1,h2\n1,2\n\"multi\nline\",3\n4,5\n", // a line break in a quoted cell
	"h\n1\n\"open quote\n2\n",              // a quote never closed
	"h\na\"b,c\n",                          // a bare quote inside a cell
	"\"\"\"q\"\"\",x\r\ny,z",               // doubled quotes
	"é;ü\n1 234;5,6\n",
}

// splitRecords reads the first records of text, then cuts the rest in two
// (when it can) and reads both parts one after the other.
func splitRecords(t *testing.T, text string, sep rune, first int) []row {
	c := &csvReader{text: text, sep: sep}
	var out []row
	for range first {
		r, err := c.next()
		if err != nil {
			break
		}
		r.cells = slices.Clone(r.cells)
		out = append(out, r)
	}
	second, ok := c.cut(0)
	out = append(out, records(t, c)...)
	if ok {
		out = append(out, records(t, second)...)
	}
	return out
}

func TestCSVRecordsAsEncodingCSV(t *testing.T) {
	for _, text := range csvTexts {
		for _, sep := range []rune{',', ';', '\t', '|'} {
			want := encodingCSV(text, sep)
			if got := allRecords(t, text, sep); !reflect.DeepEqual(got, want) {
				t.Errorf("%q split on %q:\n got %v\nwant %v", text, sep, got, want)
			}
			for first := range 3 {
				if got := splitRecords(t, text, sep, first); !reflect.DeepEqual(got, want) {
					t.Errorf("%q split on %q, cut after %d records:\n got %v\nwant %v", text, sep, first, got, want)
				}
			}
		}
	}
}

// TestCSVSplitRefused: a text with a quote left, or shorter than asked, is
// not cut.
func TestCSVSplitRefused(t *testing.T) {
	tests := []struct {
		text  string
		least int
	}{
		{"h1,h2\n1,2\n3,4\n\"5\n6\",7\n", 0},
		{"h1,h2\n1,2\n3,4\n", 100},
		{"h1,h2", 0}, // one line, no break past the middle
	}
	for _, tt := range tests {
		c := &csvReader{text: tt.text, sep: ','}
		if _, ok := c.cut(tt.least); ok {
			t.Errorf("%q cut with least %d", tt.text, tt.least)
		}
	}
}

func FuzzCSVRecords(f *testing.F) {
	for _, text := range csvTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, sep := range []rune{',', ';'} {
			want := encodingCSV(text, sep)
			if got := allRecords(t, text, sep); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q split on %q:\n got %v\nwant %v", text, sep, got, want)
			}
			if got := splitRecords(t, text, sep, 1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q split on %q, cut after a record:\n got %v\nwant %v", text, sep, got, want)
			}
		}
	})
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		text    string
		decimal byte
		count   bool
		want    float64
		err     string
	}{
		{text: "0", want: 0},
		{text: "1234", want: 1234},
		{text: "007", want: 7},
		{text: "999999999999999", want: 999999999999999},
		{text: "12345678901234567890", want: 12345678901234567890},
		{text: " 12 ", want: 12},
		{text: "23.45", decimal: '.', want: 23.45},
		{text: "23,45", decimal: ',', want: 23.45},
		{text: "1.234", decimal: ',', count: true, want: 1234},
		{text: "1 234", want: 1234},
		{text: "1,234", count: true, want: 1234},
		{text: "1,234", err: "value_ambiguous"},
		{text: "-", err: "not reported"},
		{text: "12%", err: "value_percentage"},
		{text: "12a", err: "value_not_number"},
	}
	for _, tt := range tests {
		got, err := parseNumber(tt.text, tt.decimal, tt.count)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("parseNumber(%q) = %v, %v; want error %s", tt.text, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
	// The digits-only shortcut gives what strconv gives.
	for _, n := range []int64{0, 1, 9, 10, 4321, 1 << 40, 999999999999999} {
		text := strconv.FormatInt(n, 10)
		want, _ := strconv.ParseFloat(text, 64)
		if got, err := parseNumber(text, 0, true); err != nil || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
}

// TestWindows1252: every byte, and text mixing ASCII and accents, decodes as
// charmap's decoder decodes it.
func TestWindows1252(t *testing.T) {
	all := make([]byte, 0, 256*3)
	for b := range 256 {
		all = append(all, 'a', byte(b), byte(b))
	}
	for _, data := range [][]byte{all, []byte("Ann\xe9e;Plaintes re\xe7ues\r\nSPF Finances;1.234;\x80 \x92\x93\x94"), {0xe9}, {}} {
		want, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := windows1252(data); got != string(want) {
			t.Errorf("windows1252(%q) = %q, want %q", data, got, want)
		}
	}
}
