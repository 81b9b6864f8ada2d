package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbook is the report as sheets of tables, each table optionally drawn
// as a native Excel chart beside it, so that the coordinator can paste the
// chart into a Word document.
type Workbook struct {
	Title  string
	About  [][2]string // label, value: what the figures are and where they come from
	Sheets []Sheet
}

// Sheet is one section of the report.
type Sheet struct {
	Name   string // at most 31 characters, no []:*?/\
	Title  string
	Tables []Table
}

// Table is a header row and rows whose first cell is a label.
type Table struct {
	Title string
	Head  []string
	Rows  []Row
	Chart *Chart
}

// Row is a label and its cells.
type Row struct {
	Label string
	Cells []Cell
	// Total marks a median or total row: shown, never charted.
	Total bool
}

// Cell is a number (when Number) in its unit, or a text.
type Cell struct {
	Text   string
	Value  float64
	Number bool
	Unit   string // count, days or percent (in percent, not a fraction)
}

// Chart draws columns of a table (0 is the first cell after the label) over
// its rows that are not totals.
type Chart struct {
	Kind    string // line, bar (horizontal), col, col_stacked
	Title   string
	Columns []int
}

// chartKinds maps a Chart.Kind to excelize's chart types.
var chartKinds = map[string]excelize.ChartType{
	"line": excelize.Line, "bar": excelize.Bar, "col": excelize.Col, "col_stacked": excelize.ColStacked,
}

// WriteXLSX writes the workbook: an About sheet, then one sheet per section.
func WriteXLSX(w io.Writer, wb Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	formats := map[string]int{}
	for unit, code := range map[string]string{"count": "#,##0", "days": "0.0", "percent": "0.0"} {
		if formats[unit], err = f.NewStyle(&excelize.Style{CustomNumFmt: &code}); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": formula-like text stays text
	if err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	about := "About"
	if err := f.SetSheetName("Sheet1", about); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	f.SetCellValue(about, "A1", wb.Title)
	f.SetCellStyle(about, "A1", "A1", title)
	for i, kv := range wb.About {
		f.SetCellStr(about, cell(0, i+2), kv[0])
		f.SetCellStr(about, cell(1, i+2), kv[1])
		f.SetCellStyle(about, cell(0, i+2), cell(0, i+2), bold)
		f.SetCellStyle(about, cell(1, i+2), cell(1, i+2), textStyle)
	}
	f.SetColWidth(about, "A", "A", 32)
	f.SetColWidth(about, "B", "B", 80)
	for _, sh := range wb.Sheets {
		if _, err := f.NewSheet(sh.Name); err != nil {
			return fmt.Errorf("report: xlsx: sheet %s: %w", sh.Name, err)
		}
		f.SetCellStr(sh.Name, "A1", sh.Title)
		f.SetCellStyle(sh.Name, "A1", "A1", title)
		f.SetColWidth(sh.Name, "A", "A", 42)
		widest := 1
		row := 3
		for _, t := range sh.Tables {
			if err := writeTable(f, sh.Name, &row, t, bold, textStyle, formats); err != nil {
				return fmt.Errorf("report: xlsx: sheet %s: %w", sh.Name, err)
			}
			widest = max(widest, len(t.Head))
		}
		if widest > 1 {
			f.SetColWidth(sh.Name, "B", colName(widest-1), 14)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: xlsx: write: %w", err)
	}
	return nil
}

// writeTable writes t from *row on, its chart to the right, and moves *row
// below both.
func writeTable(f *excelize.File, sheet string, row *int, t Table, bold, textStyle int, formats map[string]int) error {
	if t.Title != "" {
		f.SetCellStr(sheet, cell(0, *row), t.Title)
		f.SetCellStyle(sheet, cell(0, *row), cell(0, *row), bold)
		*row++
	}
	head := *row
	for i, h := range t.Head {
		f.SetCellStr(sheet, cell(i, head), h)
	}
	f.SetCellStyle(sheet, cell(0, head), cell(max(len(t.Head)-1, 0), head), bold)
	var charted []int // sheet rows of the chart's categories
	for i, r := range t.Rows {
		n := head + 1 + i
		f.SetCellStr(sheet, cell(0, n), r.Label)
		if r.Total {
			f.SetCellStyle(sheet, cell(0, n), cell(0, n), bold)
		} else {
			charted = append(charted, n)
		}
		for j, c := range r.Cells {
			at := cell(j+1, n)
			switch {
			case c.Number && !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0):
				f.SetCellFloat(sheet, at, c.Value, -1, 64)
				f.SetCellStyle(sheet, at, at, formats[c.Unit])
			case c.Text != "":
				f.SetCellStr(sheet, at, c.Text)
				f.SetCellStyle(sheet, at, at, textStyle)
			}
		}
	}
	end := head + len(t.Rows)
	if t.Chart != nil && len(charted) > 0 {
		first, last := charted[0], charted[len(charted)-1]
		if last-first+1 != len(charted) {
			return fmt.Errorf("table %q: total rows must come after the charted rows", t.Title)
		}
		ch := &excelize.Chart{Type: chartKinds[t.Chart.Kind],
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Chart.Title}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 640, Height: 360},
		}
		for _, col := range t.Chart.Columns {
			ch.Series = append(ch.Series, excelize.ChartSeries{
				Name:       ref(sheet, col+1, head, col+1, head),
				Categories: ref(sheet, 0, first, 0, last),
				Values:     ref(sheet, col+1, first, col+1, last),
			})
		}
		if err := f.AddChart(sheet, cell(len(t.Head)+1, head), ch); err != nil {
			return fmt.Errorf("chart %q: %w", t.Chart.Title, err)
		}
		end = max(end, head+19) // the chart is about 19 rows high
	}
	*row = end + 3
	return nil
}

// cell names column col (0 = A) of row (1-based).
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row) // col and row are always positive here
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col + 1)
	return name
}

// ref is an absolute range on sheet, quoted as Excel wants.
func ref(sheet string, c1, r1, c2, r2 int) string {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	return fmt.Sprintf("%s$%s$%d:$%s$%d", q, colName(c1), r1, colName(c2), r2)
}

// SheetName makes a sheet name from a title: forbidden characters dropped,
// at most 31 characters, unique among taken.
func SheetName(title string, taken map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return -1
		}
		return r
	}, title)
	r := []rune(name)
	if len(r) > 28 {
		name = strings.TrimSpace(string(r[:28]))
	}
	base := name
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s %d", base, i)
	}
	taken[strings.ToLower(name)] = true
	return name
}
