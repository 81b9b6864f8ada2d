// Package yeartemplate writes the year's template: the workbook that an
// administration without an export tool fills in, one open cell per figure
// the network expects of it that year, and sends back as an ordinary file.
// The site, the API and the CLI all call Write; the template's data sheet is
// a long-layout table that package ingest already reads, so that nothing
// reads a template apart from other files.
package yeartemplate

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/workbook"
)

// ContentType is the media type of the template.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Where the table lies on the sheet: three title rows, a blank one, the
// header, then one row per figure. ValueColumn holds the only open cells.
const (
	HeaderRow   = 5
	ValueColumn = "I"
)

// The columns of the table, in order. The headers are the words that
// ingest recognises in every language (organisation, year, indicator,
// breakdown and value carry the figures; label, unit and definition are
// read and ignored); the previous year's column is named with its year,
// which no reader takes for a role. The unit words must not be words of a
// complaint register's header ("number", "nummer"): with the code
// "received" beside them, the first line would pass for one.
var columns = []struct {
	key   string // locale key of the header
	width float64
}{
	{"template.column.organisation", 12},
	{"template.column.year", 7},
	{"template.column.indicator", 20},
	{"template.column.breakdown", 14},
	{"template.column.label", 45},
	{"template.column.breakdown_label", 20},
	{"template.column.unit", 14},
	{"template.column.previous", 14},
	{"template.column.value", 14},
	{"template.column.definition", 80},
}

// Source is what the template reads: the reference data in force and the
// published values of an organisation and a year.
type Source interface {
	Reference() *reference.Catalogue
	Current(ctx context.Context, org string, year int) ([]domain.Observation, error)
}

// Request says whose template, for which year, in which language, and
// whether its inputs are filled with the values published now, so that
// they can be corrected.
type Request struct {
	Organisation string
	Year         int
	Lang         string
	Prefill      bool
}

// FileName is the name the template is offered under. It names the
// organisation and the year, as a file sent back may be read by its name.
func (r Request) FileName() string {
	return fmt.Sprintf("infocentre-%s-%d-%s.xlsx", r.Organisation, r.Year, r.Lang)
}

// Write writes the template of req to w. An unknown organisation, one that
// does not exist in the year, a year or a language the platform does not
// know are domain errors and write nothing.
func Write(ctx context.Context, src Source, req Request, w io.Writer) error {
	ref := src.Reference()
	org, err := check(ref, req)
	if err != nil {
		return err
	}
	previous, err := src.Current(ctx, req.Organisation, req.Year-1)
	if err != nil {
		return fmt.Errorf("yeartemplate: %s/%d: %w", req.Organisation, req.Year-1, err)
	}
	var now []domain.Observation
	if req.Prefill {
		if now, err = src.Current(ctx, req.Organisation, req.Year); err != nil {
			return fmt.Errorf("yeartemplate: %s/%d: %w", req.Organisation, req.Year, err)
		}
	}
	f, err := build(ref, org, req, byKey(previous), byKey(now))
	if err != nil {
		return fmt.Errorf("yeartemplate: %s/%d: %w", req.Organisation, req.Year, err)
	}
	defer f.Close()
	if err := f.Write(w); err != nil {
		return fmt.Errorf("yeartemplate: write %s/%d: %w", req.Organisation, req.Year, err)
	}
	return nil
}

// check refuses what no template can be made for.
func check(ref *reference.Catalogue, req Request) (reference.Organisation, error) {
	if !locale.Supported(req.Lang) {
		return reference.Organisation{}, domain.Errorf(domain.EINVALID, "error.param_choice", "lang", req.Lang, "nl, fr, en")
	}
	if req.Year < domain.FirstYear || req.Year > domain.LastYear {
		return reference.Organisation{}, domain.Errorf(domain.EINVALID, "error.param_year", "year", strconv.Itoa(req.Year), domain.FirstYear, domain.LastYear)
	}
	org, ok := ref.Organisation(req.Organisation)
	if !ok {
		return reference.Organisation{}, domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", req.Organisation)
	}
	if !org.ActiveIn(req.Year) {
		return reference.Organisation{}, domain.Errorf(domain.EINVALID, "error.template_inactive", org.Code, req.Year)
	}
	return org, nil
}

type key struct{ indicator, breakdown string }

func byKey(obs []domain.Observation) map[key]float64 {
	out := make(map[key]float64, len(obs))
	for _, o := range obs {
		out[key{o.Indicator, o.Breakdown}] = o.Value
	}
	return out
}

// line is one expected figure: an indicator, with one of its breakdown's
// values if it has a breakdown.
type line struct {
	in    reference.Indicator
	value reference.BreakdownValue
}

// lines lists the figures expected in year, in catalogue order.
func lines(ref *reference.Catalogue, year int) []line {
	var out []line
	for _, in := range ref.IndicatorsIn(year) {
		if in.Breakdown == "" {
			out = append(out, line{in: in})
			continue
		}
		for _, v := range ref.BreakdownValuesOf(in.Breakdown) {
			out = append(out, line{in: in, value: v})
		}
	}
	return out
}

// build makes the workbook: one protected sheet, the table under three
// title rows, the value cells alone unlocked and validated.
func build(ref *reference.Catalogue, org reference.Organisation, req Request, previous, now map[key]float64) (*excelize.File, error) {
	p := locale.NewPrinter(req.Lang)
	f := excelize.NewFile()
	sheet := ingest.TemplateSheet
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		f.Close()
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	w := &writer{f: f, sheet: sheet}
	w.row(1, st.title, org.Name.In(req.Lang)+" ("+org.Code+")")
	w.row(2, st.subtitle, p.T("template.title", req.Year))
	w.row(3, st.text, p.T("template.instructions", req.Year))
	header := make([]any, len(columns))
	for i, c := range columns {
		header[i] = p.T(c.key)
		if c.key == "template.column.previous" {
			header[i] = p.T(c.key, req.Year-1)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.err = firstErr(w.err, f.SetColWidth(sheet, col, col, c.width))
	}
	w.row(HeaderRow, st.header, header...)
	for i, l := range lines(ref, req.Year) {
		r := HeaderRow + 1 + i
		k := key{l.in.Code, l.value.Code}
		var prev, cur any
		if v, ok := previous[k]; ok {
			prev = v
		}
		if v, ok := now[k]; ok {
			cur = v
		}
		w.row(r, st.text, org.Code, req.Year, l.in.Code, l.value.Code, l.in.Label.In(req.Lang), l.value.Label.In(req.Lang),
			p.T("template.unit."+unitOf(l.in)), prev, cur, l.in.DefinitionIn(req.Lang, req.Year))
		w.style(r, "H", st.previous[unitOf(l.in)])
		w.style(r, ValueColumn, st.input[unitOf(l.in)])
		w.style(r, "J", st.wrap)
		w.validate(r, l.in, p, req.Year)
	}
	w.err = firstErr(w.err, f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: HeaderRow, TopLeftCell: "A" + strconv.Itoa(HeaderRow+1), ActivePane: "bottomLeft"}))
	// No password: the protection keeps the table's shape for the reader,
	// it is no security.
	w.err = firstErr(w.err, f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
	w.err = firstErr(w.err, f.SetDocProps(&excelize.DocProperties{Title: p.T("template.title", req.Year), Creator: "Infocentre", Language: req.Lang}))
	if w.err != nil {
		f.Close()
		return nil, w.err
	}
	return f, nil
}

// writer writes cells and keeps the first error, so that build reads as
// the sheet it makes.
type writer struct {
	f     *excelize.File
	sheet string
	err   error
}

func (w *writer) row(r, style int, cells ...any) {
	if w.err != nil {
		return
	}
	first := "A" + strconv.Itoa(r)
	w.err = w.f.SetSheetRow(w.sheet, first, &cells)
	last, _ := excelize.ColumnNumberToName(max(len(cells), 1))
	w.err = firstErr(w.err, w.f.SetCellStyle(w.sheet, first, last+strconv.Itoa(r), style))
}

func (w *writer) style(r int, col string, style int) {
	if w.err == nil {
		cell := col + strconv.Itoa(r)
		w.err = w.f.SetCellStyle(w.sheet, cell, cell, style)
	}
}

// validate puts on the value cell of row r the rule of the indicator's
// values (the rules ingest applies: a whole number ≥ 0 for a count, at
// most 14 for the criteria met, a number of days ≥ 0), with an input
// message that says it in the reader's language.
func (w *writer) validate(r int, in reference.Indicator, p *locale.Printer, year int) {
	if w.err != nil {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(ValueColumn + strconv.Itoa(r))
	var msg string
	switch {
	case in.Code == "criteria_met":
		w.err = dv.SetRange(0, 14, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		msg = p.T("template.input.criteria")
	case unitOf(in) == "count":
		w.err = dv.SetRange(0, 0, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual)
		msg = p.T("template.input.count")
	default:
		w.err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		msg = p.T("template.input.days")
	}
	if dv.Operator == "greaterThanOrEqual" {
		dv.Formula2 = "" // one bound only
	}
	dv.SetInput(p.T("template.input.title", year), msg)
	dv.SetError(excelize.DataValidationErrorStyleStop, p.T("template.input.refused"), msg)
	w.err = firstErr(w.err, w.f.AddDataValidation(w.sheet, dv))
}

// unitOf is the unit the template treats the indicator's values in: ingest
// reads every unit but "count" as a number with decimals, as days.
func unitOf(in reference.Indicator) string {
	if in.Unit == "count" {
		return "count"
	}
	return "days"
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// styles of the template. Every cell is locked but the value cells.
type styles struct {
	title, subtitle, text, wrap, header int
	previous, input                     map[string]int // by unit
}

// numFmts shows counts without decimals and days with up to two.
var numFmts = map[string]string{"count": "#,##0", "days": "#,##0.0#"}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{previous: map[string]int{}, input: map[string]int{}}
	st := workbook.NewStyles(f)
	add := st.Add
	border := []excelize.Border{{Type: "left", Color: "7F8FA6", Style: 1}, {Type: "right", Color: "7F8FA6", Style: 1},
		{Type: "top", Color: "7F8FA6", Style: 1}, {Type: "bottom", Color: "7F8FA6", Style: 1}}
	s.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.subtitle = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	s.text = add(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	s.wrap = add(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.header = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	for unit, fmtCode := range numFmts {
		code := fmtCode
		s.previous[unit] = add(&excelize.Style{CustomNumFmt: &code, Font: &excelize.Font{Color: "595959"},
			Alignment: &excelize.Alignment{Vertical: "top"}})
		s.input[unit] = add(&excelize.Style{CustomNumFmt: &code, Border: border,
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF6CC"}},
			Alignment:  &excelize.Alignment{Vertical: "top"},
			Protection: &excelize.Protection{Locked: false}})
	}
	return s, st.Err()
}
