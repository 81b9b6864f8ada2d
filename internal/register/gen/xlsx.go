package gen

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// FrenchHeader is Header as a French-speaking administration writes it.
var FrenchHeader = []string{"Numéro de plainte", "Date de réception", "Canal", "Langue", "Recevable", "Résultat",
	"Type de plainte", "Date accusé de réception", "Date de clôture", "Deuxième ligne"}

// dateColumns are the columns of Header that hold dates.
var dateColumns = map[int]bool{1: true, 7: true, 8: true}

// WriteXLSX writes the register of cfg as an administration's Excel export:
// one sheet with a title line and a blank line above French headers, dates
// as date cells (serial numbers with a dd/mm/yyyy format), texts as text.
func WriteXLSX(w io.Writer, cfg Config) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Plaintes"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14, CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"Registre des plaintes – SPF Finances"}); err != nil {
		return err
	}
	header := make([]any, len(FrenchHeader))
	for i, h := range FrenchHeader {
		header[i] = h
	}
	if err := sw.SetRow("A3", header); err != nil {
		return err
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(Write(pw, cfg)) }()
	sc := bufio.NewScanner(pr)
	sc.Scan() // the CSV header
	cells := make([]any, len(FrenchHeader))
	for row := 4; sc.Scan(); row++ {
		for i, v := range strings.Split(sc.Text(), ",") {
			cells[i] = v
			if dateColumns[i] && v != "" {
				t, err := time.Parse(time.DateOnly, v)
				if err != nil {
					return fmt.Errorf("row %d: %w", row, err)
				}
				cells[i] = excelize.Cell{StyleID: date, Value: t}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

func ptr[T any](v T) *T { return &v }
