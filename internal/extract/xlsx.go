package extract

import (
	"archive/zip"
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/workbook"
)

// styles are the cell styles of a workbook, registered once per file.
type styles struct {
	header int
	title  int
	text   int // formula-like text, kept as text even when a cell is edited
	wrap   int
	date   int
	units  map[string]int // number format per unit
}

// unitFormats shows counts without decimals, days with one and rates as
// percentages. The cells hold the unrounded values.
var unitFormats = map[string]string{
	"count": "#,##0",
	"days":  "#,##0.0",
	"rate":  "0.0%",
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{units: map[string]int{}}
	st := workbook.NewStyles(f)
	add := st.Add
	s.header = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top"},
	})
	s.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	// Excelize cannot set the quotePrefix attribute; the Text number format
	// ("@", built-in 49) has the same effect: the cell stays text when
	// someone edits it, so "=..." is never evaluated.
	s.text = add(&excelize.Style{NumFmt: 49})
	s.wrap = add(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	date := "yyyy-mm-dd hh:mm"
	s.date = add(&excelize.Style{CustomNumFmt: &date})
	for unit, format := range unitFormats {
		s.units[unit] = add(&excelize.Style{CustomNumFmt: &format})
	}
	if err := st.Err(); err != nil {
		return nil, fmt.Errorf("styles: %w", err)
	}
	return s, nil
}

// str is a text cell; formula-like text gets the Text format (see styles).
func (s *styles) str(v string) any {
	if FormulaLike(v) {
		return excelize.Cell{StyleID: s.text, Value: v}
	}
	return v
}

// textCells hands out the cell of each distinct text, made once: the Data
// sheet repeats the same few hundred codes and labels of the catalogue, and
// making a cell per row doubled the allocations of a large extract.
type textCells struct {
	st    *styles
	cells map[string]any
}

func (c *textCells) cell(s string) any {
	v, ok := c.cells[s]
	if !ok {
		v = c.st.str(s)
		c.cells[s] = v
	}
	return v
}

// num is a value cell formatted for the unit of its indicator.
func (s *styles) num(unit string, v float64) excelize.Cell {
	return excelize.Cell{StyleID: s.units[unit], Value: v}
}

// WriteXLSX writes the workbook of the published figures r asks for: sheet
// Data (long or wide), Definitions and About. Nothing reaches w until the
// whole workbook is built, so an error before then leaves w untouched.
func (x *Extractor) WriteXLSX(ctx context.Context, w io.Writer, r Request) error {
	r, l, columns, err := x.prepare(ctx, r)
	if err != nil {
		return err
	}

	f := excelize.NewFile()
	defer f.Close()
	// Excelize builds the zip archive in a buffer before copying it out;
	// handing it w instead keeps an extract of any size out of memory. (The
	// ZIP64 fix-up excelize applies to that buffer only concerns sheets
	// above 4 GB.)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("extract: xlsx: %w", err)
	}
	if err := f.SetSheetName("Sheet1", l.sheets.data); err != nil {
		return fmt.Errorf("extract: xlsx: %w", err)
	}
	for _, name := range []string{l.sheets.definitions, l.sheets.about} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("extract: xlsx: %w", err)
		}
	}

	t := newTally()
	if r.Layout == LayoutWide {
		err = x.writeWide(ctx, f, st, r, l, columns, t)
	} else {
		err = x.writeLong(ctx, f, st, r, l, t)
	}
	if err != nil {
		return fmt.Errorf("extract: xlsx data: %w", err)
	}
	if err := writeDefinitions(f, st, l, t.series(l), r.Years); err != nil {
		return fmt.Errorf("extract: xlsx definitions: %w", err)
	}
	about, err := x.about(ctx, r, t)
	if err != nil {
		return fmt.Errorf("extract: xlsx about: %w", err)
	}
	if err := x.writeAbout(f, st, l, about); err != nil {
		return fmt.Errorf("extract: xlsx about: %w", err)
	}
	if err := x.writeNotes(ctx, f, st, l, about, t); err != nil {
		return fmt.Errorf("extract: xlsx notes: %w", err)
	}
	if err := x.writeRates(ctx, f, st, l, r); err != nil {
		return fmt.Errorf("extract: xlsx rates: %w", err)
	}
	// Data is the first sheet, active from the start. SetActiveSheet is not
	// called: it would parse every streamed sheet back into memory.
	if err := f.Write(w); err != nil {
		return fmt.Errorf("extract: xlsx write: %w", err)
	}
	return nil
}

// startTable prepares a streamed sheet: column widths, a frozen header row
// (and frozen key columns), and the bold header itself.
func startTable(f *excelize.File, st *styles, sheet string, headers []string, widths []float64, frozenCols int) (*excelize.StreamWriter, error) {
	if err := printSetup(f, sheet, true); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, width := range widths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, err
		}
	}
	topLeft, pane := "A2", "bottomLeft"
	if frozenCols > 0 {
		topLeft, pane = domain.ColumnName(frozenCols+1)+"2", "bottomRight"
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: frozenCols, YSplit: 1, TopLeftCell: topLeft, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
	}); err != nil {
		return nil, err
	}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return sw, sw.SetRow("A1", row)
}

// printSetup makes a printed (or PDF) sheet readable: landscape, as wide as
// the page, and for a table its header row repeated on every page. The
// sheet properties must be set before the stream writer starts.
func printSetup(f *excelize.File, sheet string, table bool) error {
	fit, landscape, one, auto := true, "landscape", 1, 0
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &auto}); err != nil {
		return err
	}
	if !table {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// endTable puts an autofilter on the header row over the rows written and
// flushes the sheet. The worksheet of a stream writer is still open until
// Flush, which writes the filter after the rows.
func endTable(f *excelize.File, sw *excelize.StreamWriter, sheet string, cols, lastRow int) error {
	ref := fmt.Sprintf("A1:%s%d", domain.ColumnName(cols), max(lastRow, 1))
	if err := f.AutoFilter(sheet, ref, nil); err != nil {
		return err
	}
	return sw.Flush()
}

// writeLong writes one row per figure, counting them in t.
func (x *Extractor) writeLong(ctx context.Context, f *excelize.File, st *styles, r Request, l *labels, t *tally) error {
	headers := longHeaders(r.Lang)
	sw, err := startTable(f, st, l.sheets.data, headers, []float64{14, 42, 8, 20, 48, 20, 34, 12, 10}, 0)
	if err != nil {
		return err
	}
	// One row slice for the whole sheet: SetRow encodes it at once.
	row := make([]any, len(headers))
	text := &textCells{st: st, cells: map[string]any{}}
	err = x.st.EachPublished(ctx, r.filter(), func(o store.PublishedRow) error {
		t.add(o)
		row[0] = text.cell(o.Organisation)
		row[1] = text.cell(l.organisation(o.Organisation))
		row[2] = o.Year
		row[3] = text.cell(o.Indicator)
		row[4] = text.cell(l.indicator(o.Indicator))
		row[5] = text.cell(o.Breakdown)
		row[6] = text.cell(l.breakdown(o.Indicator, o.Breakdown))
		row[7] = st.num(l.unit(o.Indicator), o.Value)
		row[8] = text.cell(l.unitLabel(o.Indicator))
		cell, err := excelize.CoordinatesToCellName(1, t.figures+1)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, row)
	})
	if err != nil {
		return err
	}
	return endTable(f, sw, l.sheets.data, len(headers), t.figures+1)
}

// writeWide writes one row per organisation-year with one column per series,
// counting the figures in t.
func (x *Extractor) writeWide(ctx context.Context, f *excelize.File, st *styles, r Request, l *labels, series []series, t *tally) error {
	headers := []string{l.p.T(longHeaderKeys[colOrganisation]), l.p.T(longHeaderKeys[colName]), l.p.T(longHeaderKeys[colYear])}
	widths := []float64{14, 42, 8}
	for _, s := range series {
		headers = append(headers, s.header())
		widths = append(widths, max(12, float64(len(s.header()))+2))
	}
	sw, err := startTable(f, st, l.sheets.data, headers, widths, wideKeyColumns)
	if err != nil {
		return err
	}
	cells := make([]any, len(headers))
	text := &textCells{st: st, cells: map[string]any{}}
	rowNum := 1
	err = x.eachWide(ctx, r, series, t, func(w *wideRow) error {
		rowNum++
		cells[0] = text.cell(w.organisation)
		cells[1] = text.cell(l.organisation(w.organisation))
		cells[2] = w.year
		for i, s := range series {
			cells[wideKeyColumns+i] = nil
			if w.has[i] {
				cells[wideKeyColumns+i] = st.num(s.unit, w.values[i])
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, rowNum)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	return endTable(f, sw, l.sheets.data, len(headers), rowNum)
}

// Column B of the Definitions sheet, in characters, and the height of one
// line of text in points.
const (
	definitionWidth = 90
	lineHeight      = 15
)

// wrappedLines estimates how many lines text takes in a wrapped column of
// width characters; proportional fonts make it a slight overestimate.
func wrappedLines(text string, width int) int {
	return max(1, (utf8.RuneCountInString(text)+width-1)/width)
}

// writeDefinitions lists every series of the extract with its label, unit
// and definition, then the consistency rules the figures satisfy. The label
// and the definition share one cell (the label in bold) so that no row holds
// both a code and an exact label: the importer would take such a row for the
// header of a wide table and read this sheet as data.
func writeDefinitions(f *excelize.File, st *styles, l *labels, series []series, years []int) error {
	h := longHeaders(l.lang)
	headers := []string{h[colIndicator], l.p.T("extract.about.definition"), h[colBreakdown], h[colUnit]}
	sw, err := startTable(f, st, l.sheets.definitions, headers, []float64{30, definitionWidth, 34, 10}, 0)
	if err != nil {
		return err
	}
	// Spreadsheets do not grow a streamed row to fit wrapped text: each row
	// gets the height of the lines its text needs in column B.
	rowNum := 1
	next := func(lines int, values ...any) error {
		rowNum++
		cell, err := excelize.CoordinatesToCellName(1, rowNum)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, values, excelize.RowOpts{Height: lineHeight * float64(lines)})
	}
	bold := &excelize.Font{Bold: true}
	for _, s := range series {
		label, definition := l.indicator(s.indicator), definitionFor(l.indicators[s.indicator], l.lang, years)
		text := []excelize.RichTextRun{{Text: label, Font: bold}, {Text: "\n" + definition}}
		if err := next(wrappedLines(label, definitionWidth)+wrappedLines(definition, definitionWidth),
			st.str(s.header()), excelize.Cell{StyleID: st.wrap, Value: text},
			st.str(l.breakdown(s.indicator, s.breakdown)), st.str(l.unitLabel(s.indicator))); err != nil {
			return err
		}
	}
	lastTableRow := rowNum
	rowNum++ // blank line between the definitions and the rules
	if err := next(1, excelize.Cell{StyleID: st.header, Value: l.p.T("extract.about.rules")}); err != nil {
		return err
	}
	for _, key := range consistencyRuleKeys {
		text := l.p.T(key)
		if err := next(wrappedLines(text, definitionWidth), nil, excelize.Cell{StyleID: st.wrap, Value: text}); err != nil {
			return err
		}
	}
	return endTable(f, sw, l.sheets.definitions, len(headers), lastTableRow)
}

// definitionFor is an indicator's definition for the years of an extract
// (all years when none is chosen): one text when one version covers them
// all, else each version that applies with its years ("2011–2019: …").
func definitionFor(in reference.Indicator, lang string, years []int) string {
	var versions []reference.Definition
	for _, d := range in.History {
		if d.Lang == lang {
			versions = append(versions, d)
		}
	}
	slices.SortFunc(versions, func(a, b reference.Definition) int { return a.FromYear - b.FromYear })
	if len(versions) < 2 {
		return in.DefinitionIn(lang, 0)
	}
	applies := make([]bool, len(versions))
	for i := range versions {
		applies[i] = len(years) == 0
	}
	for _, y := range years {
		v := 0
		for i, d := range versions {
			if d.FromYear <= y {
				v = i
			}
		}
		applies[v] = true
	}
	var parts []string
	for i, d := range versions {
		if !applies[i] {
			continue
		}
		span := fmt.Sprintf("%d–", d.FromYear)
		if i+1 < len(versions) {
			span += strconv.Itoa(versions[i+1].FromYear - 1)
		}
		parts = append(parts, span+": "+d.Text)
	}
	if len(parts) == 1 {
		return parts[0][strings.Index(parts[0], ": ")+2:]
	}
	return strings.Join(parts, "\n")
}

// aboutFacts is what the About sheet reports besides the request itself.
type aboutFacts struct {
	request     Request
	figures     int
	dataVersion int64
	sources     []aboutSource
}

// aboutSource is a submission and what it gives the extract.
type aboutSource struct {
	domain.Submission
	figures    int
	indicators []string // catalogue order
}

// about gathers the facts of the About sheet once the figures are written.
func (x *Extractor) about(ctx context.Context, r Request, t *tally) (aboutFacts, error) {
	version, err := x.st.DataVersion(ctx)
	if err != nil {
		return aboutFacts{}, err
	}
	subs, err := x.st.ExtractSubmissions(ctx, slices.Collect(maps.Keys(t.sources)))
	if err != nil {
		return aboutFacts{}, err
	}
	rank := make(map[string]int, len(x.ref().Indicators))
	for i, in := range x.ref().Indicators {
		rank[in.Code] = i
	}
	a := aboutFacts{request: r, figures: t.figures, dataVersion: version}
	for _, sub := range subs {
		src := t.sources[sub.ID]
		indicators := slices.Collect(maps.Keys(src.indicators))
		slices.SortFunc(indicators, func(a, b string) int {
			return cmp.Or(cmp.Compare(rank[a], rank[b]), cmp.Compare(a, b))
		})
		a.sources = append(a.sources, aboutSource{Submission: sub, figures: src.figures, indicators: indicators})
	}
	return a, nil
}

// writeAbout says what the extract holds: the filters, when it was made, the
// data and platform versions, and the submissions its figures come from.
func (x *Extractor) writeAbout(f *excelize.File, st *styles, l *labels, a aboutFacts) error {
	if err := printSetup(f, l.sheets.about, false); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(l.sheets.about)
	if err != nil {
		return err
	}
	for i, width := range []float64{26, 40, 8, 10, 44, 18, 12, 24, 60} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	rowNum := 0
	next := func(values ...any) error {
		rowNum++
		cell, err := excelize.CoordinatesToCellName(1, rowNum)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, values)
	}
	all := l.p.T("extract.about.all")
	layout := l.p.T("extract.about.layout_long")
	if a.request.Layout == LayoutWide {
		layout = l.p.T("extract.about.layout_wide")
	}
	facts := [][2]string{
		{l.p.T("extract.about.years"), orAll(yearsText(a.request.Years), all)},
		{l.p.T("extract.about.organisations"), orAll(strings.Join(a.request.Organisations, ", "), all)},
		{l.p.T("extract.about.indicators"), orAll(strings.Join(a.request.Indicators, ", "), all)},
		{l.p.T("extract.about.layout"), layout},
		{l.p.T("extract.about.language"), a.request.Lang},
	}
	if err := next(excelize.Cell{StyleID: st.title, Value: l.p.T("extract.about.title")}); err != nil {
		return err
	}
	if err := next(l.p.T("extract.about.published_only")); err != nil {
		return err
	}
	rowNum++
	if err := next(excelize.Cell{StyleID: st.header, Value: l.p.T("extract.about.filters")}); err != nil {
		return err
	}
	for _, fact := range facts {
		if err := next(fact[0], st.str(fact[1])); err != nil {
			return err
		}
	}
	rowNum++
	if err := next(l.p.T("extract.about.extracted"), x.now().UTC().Format("2006-01-02 15:04:05 UTC")); err != nil {
		return err
	}
	if err := next(l.p.T("extract.about.figures"), a.figures); err != nil {
		return err
	}
	if err := next(l.p.T("extract.about.data_version"), st.str(strconv.FormatInt(a.dataVersion, 10))); err != nil {
		return err
	}
	if err := next(l.p.T("extract.about.platform"), st.str(x.version)); err != nil {
		return err
	}
	rowNum++
	if err := next(excelize.Cell{StyleID: st.header, Value: l.p.T("extract.about.sources")}); err != nil {
		return err
	}
	h := longHeaders(l.lang)
	header := []string{h[colOrganisation], h[colName], h[colYear], l.p.T("extract.about.version"), l.p.T("extract.about.file_name"),
		l.p.T("extract.about.received_on"), l.p.T("extract.about.kind"), l.p.T("extract.about.source_figures"), l.p.T("extract.about.indicators")}
	cells := make([]any, len(header))
	for i, s := range header {
		cells[i] = excelize.Cell{StyleID: st.header, Value: s}
	}
	if err := next(cells...); err != nil {
		return err
	}
	for _, s := range a.sources {
		if err := next(st.str(s.Organisation), st.str(l.organisation(s.Organisation)), s.Year, s.Version,
			st.str(s.FileName), excelize.Cell{StyleID: st.date, Value: s.CreatedAt.UTC()},
			st.str(kindLabel(l.p, s.Kind)), s.figures, st.str(strings.Join(s.indicators, ", "))); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// kindLabel names a submission kind, or shows a kind this version does not
// know as it is.
func kindLabel(p *locale.Printer, kind string) string {
	switch kind {
	case "file":
		return p.T("extract.about.kind_file")
	case "register":
		return p.T("extract.about.kind_register")
	}
	return kind
}

func orAll(s, all string) string {
	if s == "" {
		return all
	}
	return s
}

// yearsText writes years as ranges: 2015, 2019-2024.
func yearsText(years []int) string {
	years = slices.Sorted(slices.Values(years))
	years = slices.Compact(years)
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(years[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", years[i], years[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
