package main

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// workbook wraps an excelize file and keeps the first error, so the writers
// read as the layout they produce.
type workbook struct {
	f    *excelize.File
	err  error
	used map[string][2]int // sheet -> last column and row written
}

// stamp is the fixed creation and modification date of every workbook: the
// samples must not change when regenerated.
const stamp = "2025-03-01T09:00:00Z"

// newWorkbook starts a workbook whose first sheet is called first.
func newWorkbook(first, creator string) *workbook {
	w := &workbook{f: excelize.NewFile(), used: map[string][2]int{}}
	w.check(w.f.SetSheetName("Sheet1", first))
	w.check(w.f.SetDocProps(&excelize.DocProperties{Creator: creator, LastModifiedBy: creator, Created: stamp, Modified: stamp}))
	return w
}

func (w *workbook) check(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // columns and rows here are small positive numbers
	}
	return name
}

func (w *workbook) addSheet(name string) {
	_, err := w.f.NewSheet(name)
	w.check(err)
}

func (w *workbook) set(sheet string, col, row int, v any) {
	w.grow(sheet, col, row)
	w.check(w.f.SetCellValue(sheet, cell(col, row), v))
}

func (w *workbook) grow(sheet string, col, row int) {
	u := w.used[sheet]
	w.used[sheet] = [2]int{max(u[0], col), max(u[1], row)}
}

// setText stores a number as text, as when figures are pasted from a
// document.
func (w *workbook) setText(sheet string, col, row int, v float64) {
	w.grow(sheet, col, row)
	w.check(w.f.SetCellStr(sheet, cell(col, row), plain(v)))
}

// setFormula stores a formula with its cached result: the value Excel saved
// when it last computed the sheet, which is what a reader gets.
func (w *workbook) setFormula(sheet string, col, row int, formula string, cached float64) {
	w.set(sheet, col, row, cached)
	w.check(w.f.SetCellFormula(sheet, cell(col, row), formula))
}

func (w *workbook) merge(sheet string, c1, r1, c2, r2 int) {
	w.check(w.f.MergeCell(sheet, cell(c1, r1), cell(c2, r2)))
}

func (w *workbook) width(sheet string, col int, width float64) {
	name, err := excelize.ColumnNumberToName(col)
	w.check(err)
	w.check(w.f.SetColWidth(sheet, name, name, width))
}

func (w *workbook) style(s *excelize.Style) int {
	id, err := w.f.NewStyle(s)
	w.check(err)
	return id
}

func (w *workbook) styleCells(sheet string, c1, r1, c2, r2, style int) {
	w.check(w.f.SetCellStyle(sheet, cell(c1, r1), cell(c2, r2), style))
}

// notes writes free text, one paragraph per row, as people put above or
// beside their figures.
func (w *workbook) notes(sheet string, lines []string) {
	w.width(sheet, 1, 100)
	for i, line := range lines {
		w.set(sheet, 1, i+1, line)
	}
}

func (w *workbook) bytes() ([]byte, error) {
	defer w.f.Close()
	// Excel records the used range of each sheet; excelize leaves "A1".
	for sheet, u := range w.used {
		w.check(w.f.SetSheetDimension(sheet, "A1:"+cell(u[0], u[1])))
	}
	if w.err != nil {
		return nil, w.err
	}
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// report is the hand-made yearly report: indicators as rows, years as
// columns.
type report struct {
	creator   string
	notesName string   // first sheet with free text; "" for none
	notes     []string // its paragraphs
	sheet     string   // the sheet with the table
	title     string   // merged across the table above it; "" for none
	lang      string
	heading   string // first header cell, above the labels
	style     labelStyle
	years     []int             // the columns, including years left empty
	textYears bool              // year header cells typed as text
	relabel   map[string]string // indicator code -> label as typed
	asText    func(k key, year int) bool
	sums      map[string][]string // indicator -> the indicators it is the formula sum of
	sumsFrom  int                 // first year whose cells hold the formulas
}

func (rp report) write(b *book, recs []record) ([]byte, error) {
	first := rp.sheet
	if rp.notesName != "" {
		first = rp.notesName
	}
	w := newWorkbook(first, rp.creator)
	if rp.notesName != "" {
		w.notes(rp.notesName, rp.notes)
		w.addSheet(rp.sheet)
	}
	s := rp.sheet
	byYear := map[int]figures{}
	for _, r := range recs {
		byYear[r.year] = r.figs
	}
	keys := b.keys(recs)
	headerRow := 1
	if rp.title != "" {
		w.set(s, 1, 1, rp.title)
		w.merge(s, 1, 1, 1+len(rp.years), 1)
		w.styleCells(s, 1, 1, 1, 1, w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}))
		headerRow = 3 // an empty row between the title and the table
	}
	w.width(s, 1, 60)
	if rp.heading != "" {
		w.set(s, 1, headerRow, rp.heading)
	}
	for i, y := range rp.years {
		if rp.textYears {
			w.set(s, 2+i, headerRow, strconv.Itoa(y))
		} else {
			w.set(s, 2+i, headerRow, y)
		}
	}
	w.styleCells(s, 1, headerRow, 1+len(rp.years), headerRow, w.style(&excelize.Style{Font: &excelize.Font{Bold: true}}))
	rowOf := map[string]int{} // plain indicator -> its row, for formulas
	for i, k := range keys {
		row := headerRow + 1 + i
		if k.breakdown == "" {
			rowOf[k.indicator] = row
		}
		label, ok := rp.relabel[k.indicator]
		if !ok || k.breakdown != "" {
			label = b.label(k, rp.lang, rp.style)
		}
		w.set(s, 1, row, label)
	}
	for i, y := range rp.years {
		col := 2 + i
		figs := byYear[y]
		for j, k := range keys {
			row := headerRow + 1 + j
			v, ok := figs[k]
			switch {
			case !ok:
			case rp.formula(k, y, figs) != nil:
				w.setFormula(s, col, row, rp.formula(k, y, figs).text(col, rowOf), v)
			case rp.asText != nil && rp.asText(k, y):
				w.setText(s, col, row, v)
			default:
				w.set(s, col, row, v)
			}
		}
	}
	if rp.notesName != "" {
		// Open on the notes, as the author left it.
		w.f.SetActiveSheet(0)
	}
	return w.bytes()
}

// sumFormula is "B7+B8" (stored without the "=" Excel shows): the cell
// holds the sum of other rows of its column.
type sumFormula []string

func (p sumFormula) text(col int, rowOf map[string]int) string {
	f := ""
	for i, in := range p {
		if i > 0 {
			f += "+"
		}
		f += cell(col, rowOf[in])
	}
	return f
}

// formula returns the parts k is summed from in year, or nil when the cell
// holds a plain number.
func (rp report) formula(k key, year int, figs figures) sumFormula {
	parts, ok := rp.sums[k.indicator]
	if !ok || k.breakdown != "" || year < rp.sumsFrom {
		return nil
	}
	for _, in := range parts {
		if _, ok := figs[key{in, ""}]; !ok {
			return nil
		}
	}
	return parts
}

// Number formats of the wide workbooks: a thousands separator on counts,
// one decimal on days. Readers that show formatted values see "1,234".
const (
	formatThousands  = 3 // built-in "#,##0"
	formatOneDecimal = "0.0"
)

// mergedWide is a wide table under a title block, one row per year, whose
// split indicators sit under a merged group cell ("Kanaal" above "E-mail",
// "Brief", ...) and whose other columns are merged over both header rows.
type mergedWide struct {
	creator string
	sheet   string
	titles  []string // the title block, one merged row each
	lang    string
	year    string            // header of the year column
	groups  map[string]string // split indicator -> its group cell
}

func (m mergedWide) write(b *book, recs []record) ([]byte, error) {
	w := newWorkbook(m.sheet, m.creator)
	s := m.sheet
	keys := b.keys(recs)
	last := 1 + len(keys)
	for i, t := range m.titles {
		w.set(s, 1, i+1, t)
		w.merge(s, 1, i+1, last, i+1)
	}
	top := len(m.titles) + 2 // a blank row under the title block
	bold := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	w.set(s, 1, top, m.year)
	w.merge(s, 1, top, 1, top+1)
	for i := 0; i < len(keys); {
		col := 2 + i
		k := keys[i]
		if k.breakdown == "" {
			w.set(s, col, top, b.indicatorLabel(k.indicator, m.lang))
			w.merge(s, col, top, col, top+1)
			i++
			continue
		}
		end := i
		for end+1 < len(keys) && keys[end+1].indicator == k.indicator {
			end++
		}
		w.set(s, col, top, m.groups[k.indicator])
		w.merge(s, col, top, 2+end, top)
		for j := i; j <= end; j++ {
			w.set(s, 2+j, top+1, b.valueLabel(keys[j], m.lang))
		}
		i = end + 1
	}
	w.styleCells(s, 1, top, last, top+1, bold)
	counts := w.style(&excelize.Style{NumFmt: formatThousands})
	days := formatOneDecimal
	oneDecimal := w.style(&excelize.Style{CustomNumFmt: &days})
	for i, r := range recs {
		row := top + 2 + i
		w.set(s, 1, row, r.year)
		for j, k := range keys {
			v, ok := r.figs[k]
			if !ok {
				continue
			}
			w.set(s, 2+j, row, v)
			st := counts
			if k.indicator == "avg_days" {
				st = oneDecimal
			}
			w.styleCells(s, 2+j, row, 2+j, row, st)
		}
	}
	return w.bytes()
}

// flatWide is a wide table under a one-row title, with an organisation
// column and one labelled column per figure ("Klachten per kanaal - Brief").
type flatWide struct {
	creator string
	sheet   string
	title   string
	lang    string
	heads   [2]string             // organisation and year column headers
	styles  map[string]labelStyle // per split indicator; byWord if absent
}

func (fw flatWide) write(b *book, recs []record) ([]byte, error) {
	w := newWorkbook(fw.sheet, fw.creator)
	s := fw.sheet
	keys := b.keys(recs)
	w.set(s, 1, 1, fw.title)
	w.merge(s, 1, 1, 2+len(keys), 1)
	const header = 3
	w.set(s, 1, header, fw.heads[0])
	w.set(s, 2, header, fw.heads[1])
	for i, k := range keys {
		w.set(s, 3+i, header, b.label(k, fw.lang, fw.styles[k.indicator]))
	}
	for i, r := range recs {
		row := header + 1 + i
		w.set(s, 1, row, b.orgName(r.org, fw.lang))
		w.set(s, 2, row, r.year)
		for j, k := range keys {
			if v, ok := r.figs[k]; ok {
				w.set(s, 3+j, row, v)
			}
		}
	}
	return w.bytes()
}

// frenchLong is a long table on the second sheet of a workbook whose first
// sheet explains it.
type frenchLong struct {
	creator   string
	notesName string
	notes     []string
	sheet     string
}

func (fl frenchLong) write(b *book, recs []record) ([]byte, error) {
	w := newWorkbook(fl.notesName, fl.creator)
	w.notes(fl.notesName, fl.notes)
	w.addSheet(fl.sheet)
	s := fl.sheet
	for i, h := range []string{"Organisation", "Année", "Indicateur", "Ventilation", "Valeur"} {
		w.set(s, 1+i, 1, h)
	}
	w.width(s, 1, 25)
	w.width(s, 3, 55)
	w.width(s, 4, 35)
	row := 2
	for _, r := range recs {
		for _, k := range b.sorted(r.figs) {
			w.set(s, 1, row, b.orgName(r.org, "fr"))
			w.set(s, 2, row, r.year)
			w.set(s, 3, row, b.indicatorLabel(k.indicator, "fr"))
			if k.breakdown != "" {
				w.set(s, 4, row, b.valueLabel(k, "fr"))
			}
			w.set(s, 5, row, r.figs[k])
			row++
		}
	}
	return w.bytes()
}
