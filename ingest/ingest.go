// Package ingest turns an administration's export (CSV or XLSX, long, wide or
// report layout, in Dutch, French or English) into observations and a list of
// located problems. It knows nothing of the database.
package ingest

import (
	"slices"
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
// the problems found: the first domain.MaxProblems listed, every one counted.
type Result struct {
	File         string               `json:"file"`
	Format       string               `json:"format"`
	Layout       string               `json:"layout"`
	Sheets       []string             `json:"sheets,omitempty"`
	Observations []domain.Observation `json:"observations"`
	Places       []domain.Place       `json:"-"`
	Mappings     []Mapping            `json:"mappings"`
	// Problems lists the first domain.MaxProblems problems, repeated ones
	// grouped (domain.Group), their texts from the file clipped
	// (domain.Clipped); once the list is full an error takes the place of
	// the last warning, so that a refused file always shows errors.
	Problems []domain.Problem `json:"problems"`
	// ProblemCount counts every problem found, listed or not;
	// ProblemCounts counts them by code.
	ProblemCount  int            `json:"problem_count"`
	ProblemCounts map[string]int `json:"problem_counts,omitempty"`

	errors, warnings int
	groups           map[string]int // group key (domain.GroupKey) → index in Problems
}

// Accepted reports whether the file has no error.
func (r *Result) Accepted() bool { return r.errors == 0 }

// Count counts the problems of one severity, listed or not.
func (r *Result) Count(sev domain.Severity) int {
	if sev == domain.SeverityError {
		return r.errors
	}
	return r.warnings
}

// Unlisted is how many problems were counted but not listed.
func (r *Result) Unlisted() int {
	n := r.ProblemCount
	for _, p := range r.Problems {
		n -= max(p.Count, 1)
	}
	return n
}

// Organisations lists the organisation codes the file carries, sorted.
func (r *Result) Organisations() []string {
	seen := map[string]bool{}
	last := ""
	for _, o := range r.Observations {
		if o.Organisation != last { // rows of one organisation usually follow each other
			seen[o.Organisation] = true
			last = o.Organisation
		}
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
	last := 0
	for _, o := range r.Observations {
		if o.Year == last {
			continue // rows of one year usually follow each other
		}
		last = o.Year
		if !seen[o.Year] {
			seen[o.Year] = true
			out = append(out, o.Year)
		}
	}
	sort.Ints(out)
	return out
}

// AddProblem records a problem: it is counted, and listed while the list
// has room (see Problems).
func (r *Result) AddProblem(p domain.Problem) {
	r.count(p.Severity, p.Code)
	p = domain.Clipped(p)
	key, groups := domain.GroupKey(p)
	if groups {
		if i, ok := r.groups[key]; ok {
			r.Problems[i].Count = max(r.Problems[i].Count, 1) + 1
			return
		}
	}
	if len(r.Problems) >= domain.MaxProblems {
		if p.Severity != domain.SeverityError || !r.dropLastWarning() {
			return
		}
	}
	if groups {
		if r.groups == nil {
			r.groups = map[string]int{}
		}
		r.groups[key] = len(r.Problems)
	}
	r.Problems = append(r.Problems, p)
}

// count counts a problem without listing it.
func (r *Result) count(sev domain.Severity, code string) {
	r.ProblemCount++
	if r.ProblemCounts == nil {
		r.ProblemCounts = map[string]int{}
	}
	r.ProblemCounts[code]++
	if sev == domain.SeverityError {
		r.errors++
	} else {
		r.warnings++
	}
}

// roomFor tells whether a problem of sev that stands alone (no group) would
// be listed; when not, it need not even be built.
func (r *Result) roomFor(sev domain.Severity) bool {
	if len(r.Problems) < domain.MaxProblems {
		return true
	}
	return sev == domain.SeverityError && slices.ContainsFunc(r.Problems, func(p domain.Problem) bool { return p.Severity != domain.SeverityError })
}

// dropLastWarning removes the last warning listed, if any, to make room.
func (r *Result) dropLastWarning() bool {
	for i := len(r.Problems) - 1; i >= 0; i-- {
		if r.Problems[i].Severity == domain.SeverityError {
			continue
		}
		r.Problems = slices.Delete(r.Problems, i, i+1)
		clear(r.groups)
		for j, q := range r.Problems {
			if k, ok := domain.GroupKey(q); ok {
				r.groups[k] = j
			}
		}
		return true
	}
	return false
}

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
	// registerHeader, when set, tells a complaint register's header row:
	// a register given for yearly figures gets one sentence saying where
	// it goes instead of a problem per column and row.
	registerHeader func(cells []string) bool
	tmpDir         string // see InTempDir
}

// RecogniseRegisters makes p refuse a complaint register, recognised by its
// header (isHeader, e.g. register.HeaderRecogniser()), with one problem that says
// where it goes. It returns p.
func (p *Parser) RecogniseRegisters(isHeader func(cells []string) bool) *Parser {
	p.registerHeader = isHeader
	return p
}

// InTempDir returns a parser like p that unpacks a large worksheet into
// files of dir (a directory its caller cleans after a crash) rather than
// the system's temporary folder.
func (p *Parser) InTempDir(dir string) *Parser {
	q := *p
	q.tmpDir = dir
	return &q
}

// NewParser returns a parser matching labels against ref.
func NewParser(ref *reference.Catalogue) *Parser { return &Parser{ref: ref} }

// NewLiveParser returns a parser that matches each file against the
// catalogue current returns when the file is parsed, so that a change of the
// reference (a new administration, a new name) counts from the next file on.
func NewLiveParser(current func() *reference.Catalogue) *Parser {
	return &Parser{current: current}
}

// Year bounds: those of every request, form and round (domain.FirstYear,
// domain.LastYear), so that a year a file brings can be asked for; anything
// outside is refused with its place.
const (
	minYear = domain.FirstYear
	maxYear = domain.LastYear
)

// Parse reads one file. It never fails: whatever is wrong is a problem in the
// result, and the file is accepted only if no problem is an error.
func (p *Parser) Parse(name string, data []byte, opts Options) *Result {
	if p.current != nil {
		p = &Parser{ref: p.current(), registerHeader: p.registerHeader, tmpDir: p.tmpDir}
	}
	res := &Result{File: name}
	place := domain.Place{File: name}
	if len(data) == 0 {
		res.errorf(place, "", "file_empty", "")
		return res
	}
	tables, release, err := readTables(name, data, p.tmpDir, res)
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
	if pl, ok := p.registerIn(sheets); ok {
		res.errorf(pl, "", "file_is_register", "")
		return res
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
		if slices.Contains(res.Sheets, TemplateSheet) {
			res.errorf(domain.Place{File: name, Sheet: TemplateSheet}, "", "template_empty", "")
		} else {
			res.errorf(place, "", "no_values", "")
		}
	}
	return res
}

// TemplateSheet names the data sheet of the year's template (package
// yeartemplate), in every language. That sheet is an ordinary long-layout
// table; its name only lets a template sent back without a single value be
// told so in one sentence, rather than as a file without values.
const TemplateSheet = "Infocentre"

// registerIn finds a complaint register's header among the first rows of
// tables, and says where it is.
func (p *Parser) registerIn(tables []*table) (domain.Place, bool) {
	if p.registerHeader == nil {
		return domain.Place{}, false
	}
	for _, t := range tables {
		if err := t.fill(headerScanRows); err != nil {
			continue
		}
		for _, r := range t.head {
			if p.registerHeader(r.cells) {
				return domain.Place{File: t.file, Sheet: t.sheet, Row: r.num}, true
			}
		}
	}
	return domain.Place{}, false
}

// sheetNames lists the sheets that were searched, named as places name
// them.
func sheetNames(tables []*table) string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.sheet
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

// checkDuplicates refuses two values for the same key. It runs on every row
// of files of 100k rows, so a key is two small numbers: the organisation-year
// (files list one after the other, so mostly the previous one) and the
// (indicator, breakdown) pair, of which the catalogue has a few dozen; the
// first row of each key is kept in a slice per organisation-year.
func (p *Parser) checkDuplicates(res *Result) {
	type orgYear struct {
		org  string
		year int
	}
	type pair struct{ indicator, breakdown string }
	groups := map[orgYear]int{}
	pairs := map[pair]int{}
	var first [][]int32 // [group][pair] → index of the first row with that key, plus one; 0 if none yet
	last, g := orgYear{}, 0
	for i, o := range res.Observations {
		if k := (orgYear{o.Organisation, o.Year}); i == 0 || k != last {
			var ok bool
			if g, ok = groups[k]; !ok {
				g = len(groups)
				groups[k] = g
				first = append(first, nil)
			}
			last = k
		}
		pk := pair{o.Indicator, o.Breakdown}
		pi, ok := pairs[pk]
		if !ok {
			pi = len(pairs)
			pairs[pk] = pi
		}
		if pi >= len(first[g]) {
			first[g] = append(first[g], make([]int32, pi+1-len(first[g]))...)
		}
		if j := first[g][pi] - 1; j >= 0 {
			if !res.roomFor(domain.SeverityError) {
				res.count(domain.SeverityError, "duplicate_value")
				continue
			}
			prev := res.Places[j]
			p := domain.Errorp("duplicate_value", res.Places[i], formatValue(o.Value), domain.Args(
				"organisation", o.Organisation, "year", strconv.Itoa(o.Year), "indicator", keyLabel(o.Indicator, o.Breakdown)))
			p.Other = &domain.Place{Sheet: prev.Sheet, Row: prev.Row, Column: prev.Column}
			res.AddProblem(p)
			continue
		}
		first[g][pi] = int32(i + 1)
	}
}

func keyLabel(indicator, breakdown string) string {
	if breakdown == "" {
		return indicator
	}
	return indicator + ":" + breakdown
}
