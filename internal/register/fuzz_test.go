package register

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"

	"github.com/fcmn/infocentre/ingest"
)

// FuzzReadRows feeds arbitrary text to the separator detection, the header
// search and the row reader (dates, yes/no, labels, the rules between
// them), in memory: they may find nothing or refuse every row, never panic,
// and a row they accept has a real date and known codes.
func FuzzReadRows(f *testing.F) {
	for _, name := range []string{"rules_en.csv", "plaintes FIN 2023-2024.csv", "bad.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	ref, err := reference.Load()
	if err != nil {
		f.Fatal(err)
	}
	rd := NewReader(ref)
	f.Fuzz(func(t *testing.T, text string) {
		r := newCSVReader(strings.NewReader(text), ingest.DetectSeparator(text))
		r.ReuseRecord = false
		var records [][]string
		var nums []int
		for len(records) < 1000 {
			rec, err := r.Read()
			if err != nil {
				break
			}
			records, nums = append(records, rec), append(nums, len(records)+1)
		}
		h, ok := rd.findHeader(records, nums)
		if !ok {
			return
		}
		file := &File{Name: "FIN.csv", Format: "csv", rd: rd, cleanup: func() {}}
		if err := file.useHeader(h, Options{Organisation: "FIN"}); err != nil {
			return
		}
		rr := file.newRowReader(func(domain.Problem) {})
		var c complaint
		for i, rec := range records[h.index+1:] {
			if rr.read(i+h.index+2, rec, !validCells(rec), &c) > 0 {
				continue
			}
			if c.texts[iReceived] == "" || c.org == "" || (c.admissible != "yes" && c.admissible != "no") {
				t.Errorf("row %q accepted as %+v", rec, c)
			}
			if c.hasClosed && c.closed < c.received {
				t.Errorf("row %q accepted though closed before received", rec)
			}
		}
	})
}

// FuzzSplitLines: the hand-made splitting of lines without quotes reads
// every text exactly as encoding/csv does, and tells the same lines no
// UTF-8.
func FuzzSplitLines(f *testing.F) {
	f.Add("a,b,c\n\nd,e\r\n\"x,y\",z\n", 0)
	f.Add("h1;h2\r\n1;2\n\n3;\"4\n5\"\n6;7", 1)
	f.Add("a;b\n\xe9t\xe9;x\n\"\xff\";y\n", 0)
	f.Fuzz(func(t *testing.T, text string, skip int) {
		if skip < 0 || skip > 3 {
			return
		}
		for _, sep := range []rune{',', ';', '\t'} {
			src := csvSource{sep: sep, skip: skip}
			var fast, slow []string
			errFast := src.read(strings.NewReader(text), func(line int, cells []string, badUTF8 bool) error {
				fast = append(fast, fmt.Sprint(line, cells, badUTF8))
				return nil
			})
			errSlow := src.rowsByCSV(strings.NewReader(text), 0, 0, func(line int, cells []string, badUTF8 bool) error {
				slow = append(slow, fmt.Sprint(line, cells, badUTF8))
				return nil
			})
			if (errFast == nil) != (errSlow == nil) || fmt.Sprint(fast) != fmt.Sprint(slow) {
				t.Errorf("sep %q: split %q (%v), encoding/csv %q (%v)", sep, fast, errFast, slow, errSlow)
			}
		}
	})
}
