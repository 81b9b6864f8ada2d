package workbook

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestStyles: styles get distinct ids; a refused style is the error Err
// returns, and nothing is registered after it.
func TestStyles(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := NewStyles(f)
	bold := s.Add(&excelize.Style{Font: &excelize.Font{Bold: true}})
	wrap := s.Add(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	if s.Err() != nil || bold == 0 || wrap == 0 || bold == wrap {
		t.Fatalf("ids %d %d, err %v", bold, wrap, s.Err())
	}
	if id := s.Add(&excelize.Style{NumFmt: -1, Font: &excelize.Font{Size: 10000}}); id != 0 || s.Err() == nil {
		t.Fatalf("a refused style: id %d, err %v", id, s.Err())
	}
	if id := s.Add(&excelize.Style{Font: &excelize.Font{Italic: true}}); id != 0 {
		t.Fatalf("a style after an error got id %d", id)
	}
}
