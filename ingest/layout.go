package ingest

import (
	"errors"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// Column kinds of a header.
const (
	colNone           = iota
	colRole           // organisation, year, indicator, breakdown, value or ignore
	colMeasure        // an indicator, with its breakdown value if it has one
	colYear           // a year as column header (report layout)
	colRate           // a derived rate: ignored with a warning
	colNeedsBreakdown // a breakdown indicator without its value
	colUnknown
)

// column is how one header cell was read.
type column struct {
	kind    int
	role    string
	measure measure
	year    int
	text    string
}

// header is the recognised header of a table.
type header struct {
	index  int // index in table.head
	layout string
	cols   []column
	roles  map[string]int // role -> first column holding it
	titles []string       // texts above the header
	score  int
}

// roleCol is the column of a role, or -1.
func (h *header) roleCol(role string) int {
	if c, ok := h.roles[role]; ok {
		return c
	}
	return -1
}

// findHeader looks for the most convincing header row in the first rows.
func (p *Parser) findHeader(t *table) (*header, bool) {
	if err := t.fill(headerScanRows); err != nil {
		return nil, false
	}
	l := newLabels(p.ref)
	var best *header
	for i, r := range t.head {
		var above []string
		if i > 0 {
			above = t.head[i-1].cells
		}
		h := p.classify(l, t, i, r.cells, above)
		if h != nil && (best == nil || h.score > best.score) {
			best = h
		}
	}
	if best == nil {
		return nil, false
	}
	for _, r := range t.head[:best.index] {
		if text := titleText(r.cells); text != "" {
			best.titles = append(best.titles, text)
		}
	}
	return best, true
}

// titleText joins the distinct cells of a title row: a merged title fills
// every cell of its range with the same text.
func titleText(cells []string) string {
	var parts []string
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c != "" && (len(parts) == 0 || parts[len(parts)-1] != c) {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, " ")
}

// classify reads row i as a header and scores it, or returns nil.
func (p *Parser) classify(l *labels, t *table, i int, cells, above []string) *header {
	cols := make([]column, len(cells))
	roles := map[string]int{}
	measures, years := 0, 0
	for c, raw := range cells {
		text := strings.TrimSpace(raw)
		if text == "" {
			continue
		}
		cols[c] = p.readHeaderCell(l, text, cellAt(above, c))
		switch cols[c].kind {
		case colRole:
			if _, dup := roles[cols[c].role]; !dup {
				roles[cols[c].role] = c
			}
		case colMeasure:
			measures++
		case colYear:
			years++
		}
	}
	h := &header{index: i, cols: cols, roles: roles}
	has := func(role string) bool { _, ok := roles[role]; return ok }
	switch {
	case has(reference.ColumnIndicator) && has(reference.ColumnValue):
		h.layout, h.score = LayoutLong, 1000+len(roles)
	case measures >= 2 || measures >= 1 && (has(reference.ColumnOrganisation) || has(reference.ColumnYear)):
		h.layout, h.score = LayoutWide, 100*measures+len(roles)
	case years >= 1 && !has(reference.ColumnValue) && !has(reference.ColumnYear):
		labelled := p.reportLabelRows(l, t, i, cols)
		if labelled == 0 {
			return nil
		}
		h.layout, h.score = LayoutReport, 100*labelled+years
	default:
		return nil
	}
	return h
}

// readHeaderCell reads one header cell; above is the cell over it, for
// two-level headers ("Kanaal" merged above "E-mail", "Brief").
func (p *Parser) readHeaderCell(l *labels, text, above string) column {
	if role, ok := p.ref.ColumnMatcher().Lookup(text); ok {
		return column{kind: colRole, role: role, text: text}
	}
	if y, ok := yearHeader(text); ok {
		return column{kind: colYear, year: y, text: text}
	}
	m, st := l.measure(text)
	if st == measureUnknown && strings.TrimSpace(above) != "" && strings.TrimSpace(above) != text {
		combined := strings.TrimSpace(above) + " - " + text
		if m2, st2 := l.measure(combined); st2 == measureOK {
			return column{kind: colMeasure, measure: m2, text: combined}
		}
	}
	switch st {
	case measureOK:
		return column{kind: colMeasure, measure: m, text: text}
	case measureNeedsBreakdown:
		return column{kind: colNeedsBreakdown, measure: m, text: text}
	case measureRate:
		return column{kind: colRate, text: text}
	}
	return column{kind: colUnknown, text: text}
}

// reportLabelRows counts, among the rows below a candidate report header, the
// ones whose label (left of the first year column) names an indicator.
func (p *Parser) reportLabelRows(l *labels, t *table, i int, cols []column) int {
	first := firstYearCol(cols)
	n := 0
	for _, r := range t.head[i+1:] {
		if _, st := l.measure(reportLabel(r.cells, first)); st == measureOK || st == measureNeedsBreakdown {
			n++
		}
	}
	return n
}

func firstYearCol(cols []column) int {
	for c, col := range cols {
		if col.kind == colYear {
			return c
		}
	}
	return len(cols)
}

// reportLabel joins the label cells left of the first year column:
// "Klachten per kanaal" and "E-mail" in two cells read as one label.
func reportLabel(cells []string, firstYear int) string {
	var parts []string
	for c := 0; c < firstYear && c < len(cells); c++ {
		if s := strings.TrimSpace(cells[c]); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " - ")
}

func cellAt(cells []string, c int) string {
	if c >= 0 && c < len(cells) {
		return cells[c]
	}
	return ""
}

// fileContext is what the file says of itself outside the table: the
// organisation and year from the options, title lines or file name.
type fileContext struct {
	org, orgFrom string // orgFrom is the locale key of where it was read
	orgTitle     string // the text it was read from
	year         int
	yearFrom     string
}

// context works out the file-level organisation and year. An organisation
// named by the file (title or name) that contradicts --org is an error.
func (p *Parser) context(t *table, h *header, opts Options, res *Result) fileContext {
	var fc fileContext
	place := domain.Place{File: t.file, Sheet: t.sheet}
	base := strings.TrimSuffix(filepath.Base(t.file), filepath.Ext(t.file))
	sources := []struct{ from, text string }{}
	for _, title := range h.titles {
		sources = append(sources, struct{ from, text string }{"problem.source.title", title})
	}
	sources = append(sources, struct{ from, text string }{"problem.source.file_name", base})
	for _, s := range sources {
		if code, ok := p.ref.OrganisationMatcher().FindIn(s.text); ok && fc.org == "" {
			fc.org, fc.orgFrom, fc.orgTitle = code, s.from, s.text
		}
		if ys := yearsIn(s.text); len(ys) == 1 && fc.year == 0 {
			fc.year, fc.yearFrom = ys[0], s.from
		}
	}
	if opts.Organisation != "" {
		if fc.org != "" && fc.org != opts.Organisation {
			res.errorf(place, opts.Organisation, "organisation_differs", "", "given", opts.Organisation, "source_key", fc.orgFrom, "title", fc.orgTitle, "organisation", fc.org)
		}
		fc.org, fc.orgFrom = opts.Organisation, "problem.source.options"
	}
	if opts.Year != 0 {
		fc.year, fc.yearFrom = opts.Year, "problem.source.options"
	}
	return fc
}

// readTable reads the rows under the header according to the layout. A
// long or wide table of a large CSV is read on two cores: its second half
// by a reader of its own, whose values are kept if it met no problem at
// all; otherwise the second half is read again after the first, so that
// problems are found, counted and listed exactly as in one pass.
func (p *Parser) readTable(t *table, h *header, opts Options, res *Result) {
	if res.Layout == "" {
		res.Layout = h.layout
	}
	r := &tableReader{p: p, l: newLabels(p.ref), t: t, h: h, res: res, fc: p.context(t, h, opts, res),
		orgCol: h.roleCol(reference.ColumnOrganisation), yearCol: h.roleCol(reference.ColumnYear),
		indicatorCol: h.roleCol(reference.ColumnIndicator), breakdownCol: h.roleCol(reference.ColumnBreakdown),
		valueCol: h.roleCol(reference.ColumnValue)}
	r.mapHeader()
	r.reserve()
	var (
		rest   func() *table
		second chan *Result
	)
	if h.layout != LayoutReport && t.split != nil {
		var ok bool
		if rest, ok = t.split(); ok {
			second = make(chan *Result, 1)
			go func() {
				r2 := *r
				r2.l, r2.t, r2.res = newLabels(p.ref), rest(), &Result{File: res.File}
				r2.reserve()
				r2.readRows(nil)
				second <- r2.res
			}()
		}
	}
	if !r.readRows(t.head[h.index+1:]) || second == nil {
		if second != nil {
			<-second
		}
		return
	}
	if res2 := <-second; res2.ProblemCount == 0 {
		res.Observations = append(res.Observations, res2.Observations...)
		res.Places = append(res.Places, res2.Places...)
		return
	}
	r.t = rest()
	r.readRows(nil)
}

// readRows reads the rows given, then those of r.t left, and reports
// whether it reached the end of the table (false when it could not read on).
func (r *tableReader) readRows(rows []row) bool {
	for i := 0; ; i++ {
		var rw row
		if i < len(rows) {
			rw = rows[i]
		} else {
			var err error
			rw, err = r.t.next()
			if errors.Is(err, io.EOF) {
				return true
			}
			if err != nil {
				r.res.AddProblem(domain.ProblemOf(err, domain.Place{File: r.t.file, Sheet: r.t.sheet}))
				return false
			}
		}
		if blank(rw.cells) {
			continue
		}
		switch r.h.layout {
		case LayoutLong:
			r.longRow(rw)
		case LayoutWide:
			r.wideRow(rw)
		case LayoutReport:
			r.reportRow(rw)
		}
	}
}

// maxReserved bounds the room reserved ahead: a line count is only a guess.
const maxReserved = 4 << 20

// reserve makes room for the values the table will likely hold, when its
// number of lines is known: growing slices of 100,000 observations and
// places by doubling costs more than reading them.
func (r *tableReader) reserve() {
	perRow := 1
	if r.h.layout != LayoutLong {
		perRow = 0
		for _, c := range r.h.cols {
			if c.kind == colMeasure || c.kind == colYear {
				perRow++
			}
		}
	}
	n := min(r.t.lines*perRow, maxReserved)
	r.res.Observations = slices.Grow(r.res.Observations, n)
	r.res.Places = slices.Grow(r.res.Places, n)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// tableReader holds the state of reading one table's rows.
type tableReader struct {
	p   *Parser
	l   *labels
	t   *table
	h   *header
	res *Result
	fc  fileContext
	// Columns of the roles, or -1: looked up once, used on every row.
	orgCol, yearCol, indicatorCol, breakdownCol, valueCol int
	// group is the breakdown indicator named by a report row without values,
	// whose values follow on the next rows ("Klachten per kanaal", then
	// "E-mail", "Brief"...).
	group string
}

func (r *tableReader) place(rowNum, col int) domain.Place {
	pl := domain.Place{File: r.t.file, Sheet: r.t.sheet, Row: rowNum}
	if col >= 0 {
		pl.Column = col + 1
		if col < len(r.h.cols) {
			pl.Header = r.h.cols[col].text
		}
	}
	return pl
}

// mapHeader records what each header column was read as and reports the
// columns it cannot use.
func (r *tableReader) mapHeader() {
	hdrRow := r.t.head[r.h.index].num
	for c, col := range r.h.cols {
		pl := r.place(hdrRow, c)
		switch col.kind {
		case colMeasure:
			if r.h.layout == LayoutWide {
				r.res.Mappings = append(r.res.Mappings, Mapping{Place: pl, Text: col.text, Indicator: col.measure.indicator, Breakdown: col.measure.breakdown})
			}
		case colYear:
			if col.year < minYear || col.year > maxYear {
				r.res.errorf(pl, col.text, "year_out_of_range", "", "min", strconv.Itoa(minYear), "max", strconv.Itoa(maxYear))
			}
		case colRate:
			r.res.warnf(pl, col.text, "column_rate")
		case colNeedsBreakdown:
			if r.h.layout == LayoutWide {
				r.res.errorf(pl, col.text, "column_split", "hint.split_columns", "indicator", col.measure.indicator, "breakdown", r.breakdownOf(col.measure.indicator))
			}
		case colUnknown:
			if r.h.layout == LayoutWide {
				near := r.l.nearestIndicator(col.text)
				r.res.errorf(pl, col.text, "unknown_column", nearHint(near), "suggestion", near)
			}
		}
	}
	if r.h.layout == LayoutLong {
		return
	}
	if r.orgCol < 0 && r.fc.org == "" {
		r.res.errorf(domain.Place{File: r.t.file, Sheet: r.t.sheet}, "", "no_organisation", "")
	}
	if r.h.layout == LayoutWide && r.yearCol < 0 && r.fc.year == 0 {
		r.res.errorf(domain.Place{File: r.t.file, Sheet: r.t.sheet}, "", "no_year", "")
	}
}

func (r *tableReader) breakdownOf(indicator string) string {
	in, _ := r.p.ref.Indicator(indicator)
	return in.Breakdown
}

// rowOrganisation reads the organisation of a row from its column, or the
// file-level one. ok is false when the row must be skipped.
func (r *tableReader) rowOrganisation(rw row) (string, bool) {
	c := r.orgCol
	if c < 0 || strings.TrimSpace(cellAt(rw.cells, c)) == "" {
		if r.fc.org == "" {
			if c >= 0 {
				r.res.errorf(r.place(rw.num, c), "", "row_no_organisation", "")
			}
			return "", false
		}
		return r.fc.org, true
	}
	text := strings.TrimSpace(rw.cells[c])
	code, ok := r.l.organisation(text)
	if !ok {
		near := r.l.nearestOrganisation(text)
		r.res.errorf(r.place(rw.num, c), text, "unknown_organisation", nearHint(near), "suggestion", near)
		return "", false
	}
	return code, true
}

// rowYear reads the year of a row from its column, or the file-level one.
func (r *tableReader) rowYear(rw row) (int, bool) {
	c := r.yearCol
	if c < 0 || strings.TrimSpace(cellAt(rw.cells, c)) == "" {
		if r.fc.year == 0 {
			r.res.errorf(r.place(rw.num, c), "", "row_no_year", "")
			return 0, false
		}
		return r.fc.year, true
	}
	text := strings.TrimSpace(rw.cells[c])
	y, ok := parseYear(text)
	if !ok {
		r.res.errorf(r.place(rw.num, c), text, "year_out_of_range", "", "min", strconv.Itoa(minYear), "max", strconv.Itoa(maxYear))
		return 0, false
	}
	return y, true
}

func parseYear(text string) (int, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || f != math.Trunc(f) || f < minYear || f > maxYear {
		return 0, false
	}
	return int(f), true
}

// isTotalRow tells whether a row is a totals row, by its first text cell.
func (r *tableReader) isTotalRow(rw row) bool {
	for _, c := range rw.cells {
		if s := strings.TrimSpace(c); s != "" {
			return r.l.isTotal(s)
		}
	}
	return false
}

func (r *tableReader) skipTotal(rw row) bool {
	if !r.isTotalRow(rw) {
		return false
	}
	r.res.warnf(r.place(rw.num, -1), "", "totals_skipped")
	return true
}

func (r *tableReader) longRow(rw row) {
	if r.skipTotal(rw) {
		return
	}
	org, okOrg := r.rowOrganisation(rw)
	year, okYear := r.rowYear(rw)
	ic := r.indicatorCol
	text := strings.TrimSpace(cellAt(rw.cells, ic))
	m, st := r.l.measure(text)
	bc := r.breakdownCol
	btext := strings.TrimSpace(cellAt(rw.cells, bc))
	switch st {
	case measureNeedsBreakdown:
		if btext == "" {
			r.res.errorf(r.place(rw.num, ic), text, "needs_breakdown", "", "indicator", m.indicator, "breakdown", r.breakdownOf(m.indicator))
			return
		}
		v, ok := r.l.breakdownValue(m.indicator, btext)
		if !ok {
			if r.l.isTotal(btext) {
				return
			}
			near := r.nearestValue(m.indicator, btext)
			r.res.errorf(r.place(rw.num, bc), btext, "unknown_breakdown_value", nearHint(near), "indicator", m.indicator, "breakdown", r.breakdownOf(m.indicator), "suggestion", near)
			return
		}
		m.breakdown = v
	case measureOK:
		if btext != "" && m.breakdown == "" && !r.l.isTotal(btext) && !notReported[strings.ToLower(btext)] {
			r.res.errorf(r.place(rw.num, bc), btext, "no_breakdown", "", "indicator", m.indicator)
			return
		}
	case measureRate:
		r.res.warnf(r.place(rw.num, ic), text, "row_rate")
		return
	default:
		near := r.l.nearestIndicator(text)
		r.res.errorf(r.place(rw.num, ic), text, "unknown_indicator", nearHint(near), "suggestion", near)
		return
	}
	if !okOrg || !okYear {
		return
	}
	r.value(org, year, m, rw, r.valueCol)
}

func (r *tableReader) nearestValue(indicator, text string) string {
	label, code := r.p.ref.ValueMatcher(r.breakdownOf(indicator)).Nearest(text)
	return hint(label, code)
}

func (r *tableReader) wideRow(rw row) {
	if r.skipTotal(rw) {
		return
	}
	org, okOrg := r.rowOrganisation(rw)
	year, okYear := r.rowYear(rw)
	if !okOrg || !okYear {
		return
	}
	for c, col := range r.h.cols {
		if col.kind == colMeasure {
			r.value(org, year, col.measure, rw, c)
		}
	}
}

func (r *tableReader) reportRow(rw row) {
	first := firstYearCol(r.h.cols)
	label := reportLabel(rw.cells, first)
	if label == "" {
		return
	}
	m, st := r.l.measure(label)
	if st == measureUnknown && r.group != "" {
		if v, ok := r.l.breakdownValue(r.group, label); ok {
			m, st = measure{indicator: r.group, breakdown: v}, measureOK
		}
	}
	labelPlace := r.place(rw.num, 0)
	labelPlace.Header = ""
	switch st {
	case measureRate:
		r.res.warnf(labelPlace, label, "row_rate")
		return
	case measureNeedsBreakdown:
		// A group heading: its values follow on the next rows.
		r.group = m.indicator
		if r.rowHasValues(rw, first) {
			r.res.errorf(labelPlace, label, "row_split", "hint.split_rows", "indicator", m.indicator, "breakdown", r.breakdownOf(m.indicator))
		}
		return
	case measureUnknown:
		if r.l.isTotal(label) {
			r.res.warnf(labelPlace, label, "totals_skipped")
			return
		}
		if !r.rowHasValues(rw, first) {
			return // a sub-title or a note between the rows
		}
		near := r.l.nearestIndicator(label)
		r.res.errorf(labelPlace, label, "unknown_indicator", nearHint(near), "suggestion", near)
		return
	}
	if m.breakdown == "" {
		r.group = ""
	}
	r.res.Mappings = append(r.res.Mappings, Mapping{Place: labelPlace, Text: label, Indicator: m.indicator, Breakdown: m.breakdown})
	if r.fc.org == "" {
		return // reported once by mapHeader
	}
	for c, col := range r.h.cols {
		if col.kind == colYear {
			r.value(r.fc.org, col.year, m, rw, c)
		}
	}
}

func (r *tableReader) rowHasValues(rw row, first int) bool {
	for c := first; c < len(rw.cells); c++ {
		if c < len(r.h.cols) && r.h.cols[c].kind == colYear && strings.TrimSpace(rw.cells[c]) != "" {
			return true
		}
	}
	return false
}

// value reads and checks one figure and records it.
func (r *tableReader) value(org string, year int, m measure, rw row, c int) {
	text := cellAt(rw.cells, c)
	in, _ := r.p.ref.Indicator(m.indicator)
	count := in.Unit == "count"
	v, err := parseNumber(text, r.t.decimal, count)
	if errors.Is(err, errNotReported) {
		return
	}
	pl := r.place(rw.num, c)
	if err != nil {
		code := "value_not_number"
		var ve valueError
		if errors.As(err, &ve) {
			code = string(ve)
		}
		r.res.errorf(pl, strings.TrimSpace(text), code, "", "indicator", m.indicator, "expected_key", expectation(in))
		return
	}
	if code := checkRange(in, v); code != "" {
		r.res.errorf(pl, strings.TrimSpace(text), code, "", "indicator", m.indicator, "expected_key", expectation(in))
		return
	}
	r.res.Observations = append(r.res.Observations, domain.Observation{Organisation: org, Year: year, Indicator: m.indicator, Breakdown: m.breakdown, Value: v})
	r.res.Places = append(r.res.Places, pl)
}

// expectation is the locale key that says what an indicator's values must be.
func expectation(in reference.Indicator) string {
	switch {
	case in.Code == "criteria_met":
		return "problem.expect.criteria"
	case in.Unit == "count":
		return "problem.expect.count"
	}
	return "problem.expect.days"
}

// checkRange applies the value rules of the catalogue and returns the code
// of the rule broken, or "".
func checkRange(in reference.Indicator, v float64) string {
	switch {
	case v < 0:
		return "value_negative"
	case in.Unit == "count" && v != math.Trunc(v):
		return "value_decimals"
	case in.Code == "criteria_met" && v > 14:
		return "value_criteria_over"
	}
	return ""
}
