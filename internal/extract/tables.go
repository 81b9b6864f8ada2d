package extract

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Sheet is one table of a small workbook built from a page (completeness,
// criteria): its name in the reader's language, its rows with the header
// first, the columns that hold whole numbers (every other column is text,
// whatever it looks like) and the widths of its first columns in characters
// (0 leaves a column at the default width).
type Sheet struct {
	Name    string
	Rows    [][]string
	Numbers []int
	Widths  []float64
}

// TablesXLSX writes sheets to a workbook: a bold, shaded and frozen header
// row, whole numbers as numbers, and text that a spreadsheet could take for
// a formula kept as text with the Text format, as in the extracts, so that
// what administrations wrote stays inert.
func TablesXLSX(sheets []Sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return nil, fmt.Errorf("extract: tables: %w", err)
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}}})
	if err != nil {
		return nil, fmt.Errorf("extract: tables: %w", err)
	}
	for i, sh := range sheets {
		if err := writeSheet(f, i, sh, text, header); err != nil {
			return nil, fmt.Errorf("extract: tables: sheet %s: %w", sh.Name, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("extract: tables: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, index int, sh Sheet, text, header int) error {
	if index == 0 {
		if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(sh.Name); err != nil {
		return err
	}
	for r, row := range sh.Rows {
		cells := make([]any, len(row))
		var inert []string // cells to format as text
		for col, v := range row {
			cells[col] = v
			if n, err := strconv.Atoi(v); r > 0 && err == nil && slices.Contains(sh.Numbers, col) {
				cells[col] = n
			}
			if FormulaLike(v) {
				name, err := excelize.CoordinatesToCellName(col+1, r+1)
				if err != nil {
					return err
				}
				inert = append(inert, name)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		// SetSheetRow writes strings as strings, never as formulas; the Text
		// format keeps them so when someone edits the cell.
		if err := f.SetSheetRow(sh.Name, cell, &cells); err != nil {
			return err
		}
		for _, name := range inert {
			if err := f.SetCellStyle(sh.Name, name, name, text); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowStyle(sh.Name, 1, 1, header); err != nil {
		return err
	}
	for i, w := range sh.Widths {
		if w == 0 {
			continue
		}
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sh.Name, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(sh.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
