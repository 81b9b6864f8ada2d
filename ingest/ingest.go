// Package ingest turns an administration's export (CSV or XLSX, long, wide or
// report layout, in Dutch, French or English) into observations and a list of
// located problems. It knows nothing of the database.
package ingest

import (
	"sort"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// Layouts a table can have.
const (
	LayoutLong   = "long"   // one row per value
	LayoutWide   = "wide"   // one row per organisation-year, one column per indicator
	LayoutReport = "report" // indicators as rows, years as columns
)

// Options carry what the caller knows that the file may not say.
type Options struct {
	Organisation string // organisation code, used when the file names none
	Year         int    // year, used when the file gives none
}

// Mapping tells which header or label was read as which indicator, for the
// upload preview.
type Mapping struct {
	Place     domain.Place `json:"place"`
	Text      string       `json:"text"`
	Indicator string       `json:"indicator"`
	Breakdown string       `json:"breakdown,omitempty"`
}

// Result is what a file yields: observations (each with the place it came
// from, at the same index in Places), the mappings of headers or labels, and
// every problem found.
type Result struct {
	File         string               `json:"file"`
	Format       string               `json:"format"`
	Layout       string               `json:"layout"`
	Sheets       []string             `json:"sheets,omitempty"`
	Observations []domain.Observation `json:"observations"`
	Places       []domain.Place       `json:"-"`
	Mappings     []Mapping            `json:"mappings"`
	Problems     []domain.Problem     `json:"problems"`
}

// Accepted reports whether the file has no error.
func (r *Result) Accepted() bool { return r.Count(domain.SeverityError) == 0 }

// Count counts the problems of one severity.
func (r *Result) Count(sev domain.Severity) int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == sev {
			n++
		}
	}
	return n
}

// Organisations lists the organisation codes the file carries, sorted.
func (r *Result) Organisations() []string {
	seen := map[string]bool{}
	for _, o := range r.Observations {
		seen[o.Organisation] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Years lists the years the file carries, sorted.
func (r *Result) Years() []int {
	seen := map[int]bool{}
	var out []int
	for _, o := range r.Observations {
		if !seen[o.Year] {
			seen[o.Year] = true
			out = append(out, o.Year)
		}
	}
	sort.Ints(out)
	return out
}

// AddProblem records a problem.
func (r *Result) AddProblem(p domain.Problem) { r.Problems = append(r.Problems, p) }

// errorf records an error: its code, arguments (name, value pairs) and, when
// hint is not empty, the code of a hint that takes the same arguments.
func (r *Result) errorf(place domain.Place, value, code, hint string, args ...string) {
	p := domain.Errorp(code, place, value, domain.Args(args...))
	p.HintCode = hint
	r.AddProblem(p)
}

func (r *Result) warnf(place domain.Place, value, code string) {
	r.AddProblem(domain.Warnp(code, place, value, nil))
}

// Parser reads exports against the reference catalogue.
type Parser struct {
	ref     *reference.Catalogue
	current func() *reference.Catalogue // when set, asked at each Parse
}

// NewParser returns a parser matching labels against ref.
func NewParser(ref *reference.Catalogue) *Parser { return &Parser{ref: ref} }

// NewLiveParser returns a parser that matches each file against the
// catalogue current returns when the file is parsed, so that a change of the
// reference (a new administration, a new name) counts from the next file on.
func NewLiveParser(current func() *reference.Catalogue) *Parser {
	return &Parser{current: current}
}

// Year bounds: anything outside is a typing mistake, not a year.
const (
	minYear = 1900
	maxYear = 2100
)

// Parse reads one file. It never fails: whatever is wrong is a problem in the
// result, and the file is accepted only if no problem is an error.
func (p *Parser) Parse(name string, data []byte, opts Options) *Result {
	if p.current != nil {
		p = &Parser{ref: p.current()}
	}
	res := &Result{File: name}
	place := domain.Place{File: name}
	if len(data) == 0 {
		res.errorf(place, "", "file_empty", "")
		return res
	}
	tables, release, err := readTables(name, data, res)
	if err != nil {
		res.AddProblem(domain.ProblemOf(err, place))
		return res
	}
	defer release()
	// Explanation sheets (Definitions, About, Notes...) are read only when no
	// other sheet holds a table: an extract's Definitions sheet lists codes
	// and labels that must not pass for data.
	var sheets, explanations []*table
	for _, t := range tables {
		if _, ok := p.ref.ExplanationSheetMatcher().Lookup(t.sheet); ok && t.sheet != "" {
			explanations = append(explanations, t)
		} else {
			sheets = append(sheets, t)
		}
	}
	found := p.readTables(sheets, opts, res) || p.readTables(explanations, opts, res)
	if !found {
		if len(tables) == 1 && tables[0].sheet == "" {
			res.errorf(place, "", "no_table", "", "rows", strconv.Itoa(headerScanRows))
		} else {
			res.errorf(place, "", "no_table_sheets", "", "rows", strconv.Itoa(headerScanRows), "sheets", sheetNames(tables))
		}
		return res
	}
	p.checkDuplicates(res)
	if len(res.Observations) == 0 && res.Accepted() {
		// The store refuses a submission without figures: the same verdict
		// here lets a preview or a dry run never offer what an upload refuses.
		res.errorf(place, "", "no_values", "")
	}
	return res
}

// sheetNames lists the sheets that were searched, quoted.
func sheetNames(tables []*table) string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = strconv.Quote(t.sheet)
	}
	return strings.Join(names, ", ")
}

// readTables reads every table that has a header and says whether one had.
func (p *Parser) readTables(tables []*table, opts Options, res *Result) bool {
	found := false
	for _, t := range tables {
		h, ok := p.findHeader(t)
		if !ok {
			continue
		}
		found = true
		res.Sheets = append(res.Sheets, t.sheet)
		p.readTable(t, h, opts, res)
	}
	return found
}

// checkDuplicates refuses two values for the same key.
func (p *Parser) checkDuplicates(res *Result) {
	first := make(map[domain.Key]int, len(res.Observations))
	for i, o := range res.Observations {
		k := o.Key()
		if j, ok := first[k]; ok {
			prev := res.Places[j]
			p := domain.Errorp("duplicate_value", res.Places[i], formatValue(o.Value), domain.Args(
				"organisation", o.Organisation, "year", strconv.Itoa(o.Year), "indicator", keyLabel(o.Indicator, o.Breakdown)))
			p.Other = &domain.Place{Sheet: prev.Sheet, Row: prev.Row, Column: prev.Column}
			res.AddProblem(p)
			continue
		}
		first[k] = i
	}
}

func keyLabel(indicator, breakdown string) string {
	if breakdown == "" {
		return indicator
	}
	return indicator + ":" + breakdown
}
