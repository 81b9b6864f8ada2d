// Package extract writes the analysts' extracts of the published figures: an
// XLSX workbook (sheets Data, Definitions and About) and a CSV of the same
// data, in a long or a wide layout and in Dutch, French or English. The
// extracts re-import exactly, and they are streamed row by row from the
// store so that memory stays flat however many figures they hold. The package
// knows nothing of HTTP: the web layer and the CLI call it.
package extract

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Layouts of the Data sheet and of the CSV.
const (
	LayoutLong = "long" // one row per value
	LayoutWide = "wide" // one row per organisation-year, one column per indicator
)

// Request says which published figures an extract holds and how it reads.
type Request struct {
	Years         []int    // from year=2019&year=2020 or year=2019-2024 (a range); empty = all
	Organisations []string // organisation codes; empty = all
	Indicators    []string // indicator codes; empty = all
	Layout        string   // "long" (default) or "wide"
	Lang          string   // "nl", "fr" or "en" (default "en")
	Rates         []string // derived rates for the XLSX sheet of rates (rate=CODE); empty: no such sheet
}

// withDefaults fills the layout and language a caller may leave empty (the
// CLI builds requests by hand).
func (r Request) withDefaults() Request {
	if r.Layout == "" {
		r.Layout = LayoutLong
	}
	if r.Lang == "" {
		r.Lang = "en"
	}
	return r
}

func (r Request) filter() store.Filter {
	return store.Filter{Years: r.Years, Organisations: r.Organisations, Indicators: r.Indicators}
}

// Extractor writes extracts of the figures published in one store.
type Extractor struct {
	st      *store.Store
	version string
	// now is the clock of the About sheet; tests stop it for their goldens.
	now func() time.Time
}

// New returns an extractor reading st; version is the platform version shown
// in the About sheet.
func New(st *store.Store, version string) *Extractor {
	return &Extractor{st: st, version: version, now: time.Now}
}

// ref is the reference as it is now: a renamed administration or a new
// definition shows in the next extract.
func (x *Extractor) ref() *reference.Catalogue { return x.st.Reference() }

// check refuses a request the catalogue does not know, before the first byte
// of an extract is written, so that the caller can still answer with an
// error page instead of a truncated file.
func (x *Extractor) check(r Request) error {
	if r.Layout != LayoutLong && r.Layout != LayoutWide {
		return domain.Errorf(domain.EINVALID, "error.layout_choice", r.Layout)
	}
	if !slices.Contains(reference.Languages, r.Lang) {
		return domain.Errorf(domain.EINVALID, "error.lang_choice", r.Lang)
	}
	for _, code := range r.Organisations {
		if _, ok := x.ref().Organisation(code); !ok {
			label, known := x.ref().OrganisationMatcher().Nearest(code)
			return domain.Errorf(domain.EINVALID, "error.unknown_organisation_code_suggest", code, known, label)
		}
	}
	for _, code := range r.Indicators {
		if _, ok := x.ref().Indicator(code); !ok {
			label, known := x.ref().IndicatorMatcher().Nearest(code)
			return domain.Errorf(domain.EINVALID, "error.unknown_indicator_code_suggest", code, known, label)
		}
	}
	return nil
}

// series is one column of the wide layout: an indicator, or one breakdown
// value of an indicator, with what a cell needs to show it.
type series struct {
	indicator string
	breakdown string
	unit      string
}

// header is the column title of the series in the wide layout: the code, so
// that it re-imports exactly (labels are in the Definitions sheet).
func (s series) header() string {
	if s.breakdown == "" {
		return s.indicator
	}
	return s.indicator + ":" + s.breakdown
}

// labels resolves the codes of a row to the texts of one language. It is
// built once per extract so that rows cost map look-ups only.
type labels struct {
	lang          string
	p             *locale.Printer
	sheets        sheets
	organisations map[string]string
	indicators    map[string]reference.Indicator
	breakdowns    map[[2]string]string        // {indicator, value code} -> label
	rank          map[store.ExtractColumn]int // catalogue order of the series
}

func newLabels(ref *reference.Catalogue, lang string) *labels {
	p := locale.NewPrinter(lang)
	l := &labels{
		lang:          lang,
		p:             p,
		sheets:        sheetsIn(p),
		organisations: make(map[string]string, len(ref.Organisations)),
		indicators:    make(map[string]reference.Indicator, len(ref.Indicators)),
		breakdowns:    map[[2]string]string{},
		rank:          map[store.ExtractColumn]int{},
	}
	for _, o := range ref.Organisations {
		l.organisations[o.Code] = o.Name.In(lang)
	}
	for _, in := range ref.Indicators {
		l.indicators[in.Code] = in
		l.rank[store.ExtractColumn{Indicator: in.Code}] = len(l.rank)
		for _, v := range ref.BreakdownValuesOf(in.Breakdown) {
			l.breakdowns[[2]string{in.Code, v.Code}] = v.Label.In(lang)
			l.rank[store.ExtractColumn{Indicator: in.Code, Breakdown: v.Code}] = len(l.rank)
		}
	}
	return l
}

func (l *labels) organisation(code string) string {
	if name, ok := l.organisations[code]; ok {
		return name
	}
	return code
}

func (l *labels) indicator(code string) string {
	if in, ok := l.indicators[code]; ok {
		return in.Label.In(l.lang)
	}
	return code
}

func (l *labels) unit(indicator string) string {
	return l.indicators[indicator].Unit
}

func (l *labels) unitLabel(indicator string) string {
	unit := l.unit(indicator)
	if key, ok := unitKeys[unit]; ok {
		return l.p.T(key)
	}
	return unit
}

func (l *labels) breakdown(indicator, code string) string {
	if code == "" {
		return ""
	}
	if label, ok := l.breakdowns[[2]string{indicator, code}]; ok {
		return label
	}
	return code
}

// columnsOf lists the columns of the wide layout before the figures stream:
// the indicators and breakdown values that hold published figures.
func (x *Extractor) columnsOf(ctx context.Context, r Request, l *labels) ([]series, error) {
	cols, err := x.st.ExtractColumns(ctx, r.filter())
	if err != nil {
		return nil, fmt.Errorf("extract: list columns: %w", err)
	}
	return l.series(cols), nil
}

func (l *labels) series(cols []store.ExtractColumn) []series {
	out := make([]series, len(cols))
	for i, c := range cols {
		out[i] = series{indicator: c.Indicator, breakdown: c.Breakdown, unit: l.unit(c.Indicator)}
	}
	return out
}

// sortColumns puts columns in catalogue order; codes the catalogue does not
// know (none, unless the data outgrew this version) go last, by code.
func (l *labels) sortColumns(cols []store.ExtractColumn) {
	rank := func(c store.ExtractColumn) int {
		if r, ok := l.rank[c]; ok {
			return r
		}
		return len(l.rank)
	}
	slices.SortFunc(cols, func(a, b store.ExtractColumn) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Breakdown, b.Breakdown))
	})
}

// tally gathers, while the figures stream, what the Definitions and About
// sheets list afterwards: the series present and the submissions the
// figures come from. It grows with the number of series and submissions,
// never with the number of figures.
type tally struct {
	figures int
	columns map[store.ExtractColumn]bool
	sources map[int64]*sourceTally
}

// sourceTally is what one submission gives the extract.
type sourceTally struct {
	figures    int
	indicators map[string]bool
}

func newTally() *tally {
	return &tally{columns: map[store.ExtractColumn]bool{}, sources: map[int64]*sourceTally{}}
}

func (t *tally) add(r store.PublishedRow) {
	t.figures++
	t.columns[store.ExtractColumn{Indicator: r.Indicator, Breakdown: r.Breakdown}] = true
	src := t.sources[r.SubmissionID]
	if src == nil {
		src = &sourceTally{indicators: map[string]bool{}}
		t.sources[r.SubmissionID] = src
	}
	src.figures++
	src.indicators[r.Indicator] = true
}

// series lists the series seen, in catalogue order.
func (t *tally) series(l *labels) []series {
	cols := slices.Collect(maps.Keys(t.columns))
	l.sortColumns(cols)
	return l.series(cols)
}

// wideKeyColumns is the number of columns before the series in the wide
// layout: organisation, its name, year.
const wideKeyColumns = 3

// wideRow is one organisation-year of the wide layout: values[i] is the
// figure of series i when has[i].
type wideRow struct {
	organisation string
	year         int
	values       []float64
	has          []bool
}

// eachWide gathers the published figures into wide rows and calls fn with
// each (the row is reused: fn must not keep it), counting the figures in t.
// Figures come ordered by organisation and year, so a row is complete when
// the next one starts.
func (x *Extractor) eachWide(ctx context.Context, r Request, series []series, t *tally, fn func(*wideRow) error) error {
	column := make(map[store.ExtractColumn]int, len(series))
	for i, s := range series {
		column[store.ExtractColumn{Indicator: s.indicator, Breakdown: s.breakdown}] = i
	}
	row := &wideRow{values: make([]float64, len(series)), has: make([]bool, len(series))}
	err := x.st.EachPublished(ctx, r.filter(), func(o store.PublishedRow) error {
		if o.Organisation != row.organisation || o.Year != row.year {
			if row.organisation != "" {
				if err := fn(row); err != nil {
					return err
				}
			}
			row.organisation, row.year = o.Organisation, o.Year
			clear(row.has)
		}
		i, ok := column[store.ExtractColumn{Indicator: o.Indicator, Breakdown: o.Breakdown}]
		if !ok {
			// The series were listed from the same filter just before: this
			// figure was published in between.
			return fmt.Errorf("figure %s/%d %s %q has no column: the data changed during the extract", o.Organisation, o.Year, o.Indicator, o.Breakdown)
		}
		row.values[i], row.has[i] = o.Value, true
		t.add(o)
		return nil
	})
	if err != nil {
		return err
	}
	if row.organisation != "" {
		return fn(row)
	}
	return nil
}

// prepare fills a request's defaults, checks it before anything is written,
// and gets its labels and, for the wide layout, its columns.
func (x *Extractor) prepare(ctx context.Context, r Request) (Request, *labels, []series, error) {
	r = r.withDefaults()
	if err := x.check(r); err != nil {
		return r, nil, nil, err
	}
	l := newLabels(x.ref(), r.Lang)
	if r.Layout != LayoutWide {
		return r, l, nil, nil
	}
	columns, err := x.columnsOf(ctx, r, l)
	return r, l, columns, err
}
