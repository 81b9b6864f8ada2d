// Package reference holds the network's reference data (organisations,
// indicators, breakdown values, the 14 criteria), embedded in the binary, and
// matches the labels found in real exports against it.
package reference

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

//go:embed data/*.csv
var dataFS embed.FS

// Languages the platform speaks, in the order they are offered.
var Languages = []string{"nl", "fr", "en"}

// Labels holds one text in the three languages.
type Labels struct {
	NL string `json:"nl"`
	FR string `json:"fr"`
	EN string `json:"en"`
}

// In returns the label in lang, falling back to English.
func (l Labels) In(lang string) string {
	switch lang {
	case "nl":
		return l.NL
	case "fr":
		return l.FR
	}
	return l.EN
}

// Organisation is one administration of the network.
type Organisation struct {
	Code       string `json:"code"`
	Name       Labels `json:"name"`
	Kind       string `json:"kind"`
	SecondLine string `json:"second_line"`
	Group      string `json:"group"`
}

// Indicator is one entry of the network's indicator catalogue.
type Indicator struct {
	Code       string `json:"code"`
	Unit       string `json:"unit"`
	Breakdown  string `json:"breakdown,omitempty"`
	Label      Labels `json:"label"`
	Definition string `json:"definition"`
}

// BreakdownValue is an allowed value of a breakdown (channel, language, type).
type BreakdownValue struct {
	Breakdown string `json:"breakdown"`
	Code      string `json:"code"`
	Label     Labels `json:"label"`
}

// Criterion is one of the 14 criteria of circular 23289.
type Criterion struct {
	Number int    `json:"number"`
	Code   string `json:"code"`
	Label  Labels `json:"label"`
}

// Column roles recognised in the header of a long-layout table.
const (
	ColumnOrganisation = "organisation"
	ColumnYear         = "year"
	ColumnIndicator    = "indicator"
	ColumnBreakdown    = "breakdown"
	ColumnValue        = "value"
	ColumnIgnore       = "ignore"
)

// Catalogue is the loaded reference data with its matchers.
type Catalogue struct {
	Organisations   []Organisation
	Indicators      []Indicator
	BreakdownValues []BreakdownValue
	Criteria        []Criterion

	orgByCode       map[string]*Organisation
	indicatorByCode map[string]*Indicator

	orgs       *Matcher
	indicators *Matcher
	breakdowns *Matcher            // breakdown words: kanaal, canal, type...
	values     map[string]*Matcher // per breakdown: channel, language, type
	columns    *Matcher
	totals     *Matcher
	sheets     *Matcher // names of explanation sheets (Definitions, About, Notes...)
}

// Load parses the embedded reference files and builds the matchers. It fails
// when two different codes would claim the same normalised label.
func Load() (*Catalogue, error) {
	c := &Catalogue{
		orgByCode:       map[string]*Organisation{},
		indicatorByCode: map[string]*Indicator{},
		orgs:            newMatcher(),
		indicators:      newMatcher(),
		breakdowns:      newMatcher(),
		values:          map[string]*Matcher{},
		columns:         newMatcher(),
		totals:          newMatcher(),
		sheets:          newMatcher(),
	}
	steps := []struct {
		file string
		load func([]string) error
	}{
		{"organisations.csv", c.addOrganisation},
		{"indicators.csv", c.addIndicator},
		{"breakdowns.csv", c.addBreakdownValue},
		{"criteria.csv", c.addCriterion},
		{"synonyms.csv", c.addSynonym},
	}
	for _, step := range steps {
		if err := readRows(step.file, step.load); err != nil {
			return nil, err
		}
	}
	c.index()
	return c, nil
}

func readRows(file string, add func([]string) error) error {
	raw, err := dataFS.ReadFile("data/" + file)
	if err != nil {
		return fmt.Errorf("reference: read %s: %w", file, err)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("reference: %s header: %w", file, err)
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reference: %s: %w", file, err)
		}
		if err := add(rec); err != nil {
			return fmt.Errorf("reference: %s line %d: %w", file, line, err)
		}
	}
}

func (c *Catalogue) addOrganisation(rec []string) error {
	o := Organisation{Code: rec[0], Name: Labels{rec[1], rec[2], rec[3]}, Kind: rec[4], SecondLine: rec[5], Group: rec[6]}
	c.Organisations = append(c.Organisations, o)
	for _, text := range []string{o.Code, o.Name.NL, o.Name.FR, o.Name.EN} {
		if err := c.orgs.add(text, o.Code); err != nil {
			return err
		}
	}
	return nil
}

func (c *Catalogue) addIndicator(rec []string) error {
	in := Indicator{Code: rec[0], Unit: rec[1], Breakdown: rec[2], Label: Labels{rec[3], rec[4], rec[5]}, Definition: rec[6]}
	c.Indicators = append(c.Indicators, in)
	for _, text := range []string{in.Code, in.Label.NL, in.Label.FR, in.Label.EN} {
		if err := c.indicators.add(text, in.Code); err != nil {
			return err
		}
	}
	return nil
}

func (c *Catalogue) addBreakdownValue(rec []string) error {
	v := BreakdownValue{Breakdown: rec[0], Code: rec[1], Label: Labels{rec[2], rec[3], rec[4]}}
	c.BreakdownValues = append(c.BreakdownValues, v)
	m := c.values[v.Breakdown]
	if m == nil {
		m = newMatcher()
		c.values[v.Breakdown] = m
		if err := c.breakdowns.add(v.Breakdown, v.Breakdown); err != nil {
			return err
		}
	}
	for _, text := range []string{v.Code, v.Label.NL, v.Label.FR, v.Label.EN} {
		if err := m.add(text, v.Code); err != nil {
			return err
		}
	}
	return nil
}

func (c *Catalogue) addCriterion(rec []string) error {
	n, err := strconv.Atoi(rec[0])
	if err != nil {
		return fmt.Errorf("criterion number %q: %w", rec[0], err)
	}
	c.Criteria = append(c.Criteria, Criterion{Number: n, Code: rec[1], Label: Labels{rec[2], rec[3], rec[4]}})
	return nil
}

func (c *Catalogue) addSynonym(rec []string) error {
	kind, code, text := rec[0], rec[1], rec[2]
	switch kind {
	case "indicator":
		return c.indicators.add(text, code)
	case "organisation":
		return c.orgs.add(text, code)
	case "breakdown":
		return c.breakdowns.add(text, code)
	case "column":
		return c.columns.add(text, code)
	case "total":
		return c.totals.add(text, code)
	case "sheet":
		return c.sheets.add(text, code)
	}
	m := c.values[kind]
	if m == nil {
		return fmt.Errorf("unknown synonym kind %q", kind)
	}
	return m.add(text, code)
}

// index fills the by-code maps once Load has read everything.
func (c *Catalogue) index() {
	for i := range c.Organisations {
		c.orgByCode[c.Organisations[i].Code] = &c.Organisations[i]
	}
	for i := range c.Indicators {
		c.indicatorByCode[c.Indicators[i].Code] = &c.Indicators[i]
	}
}

// Organisation returns the organisation with this code.
func (c *Catalogue) Organisation(code string) (Organisation, bool) {
	o, ok := c.orgByCode[code]
	if !ok {
		return Organisation{}, false
	}
	return *o, true
}

// Indicator returns the indicator with this code.
func (c *Catalogue) Indicator(code string) (Indicator, bool) {
	in, ok := c.indicatorByCode[code]
	if !ok {
		return Indicator{}, false
	}
	return *in, true
}

// BreakdownValuesOf lists the allowed values of a breakdown in catalogue order.
func (c *Catalogue) BreakdownValuesOf(breakdown string) []BreakdownValue {
	var out []BreakdownValue
	for _, v := range c.BreakdownValues {
		if v.Breakdown == breakdown {
			out = append(out, v)
		}
	}
	return out
}

// BreakdownLabel returns the label of a breakdown value, or the code itself.
func (c *Catalogue) BreakdownLabel(breakdown, code, lang string) string {
	for _, v := range c.BreakdownValues {
		if v.Breakdown == breakdown && v.Code == code {
			return v.Label.In(lang)
		}
	}
	return code
}

// OrganisationMatcher matches codes, names in three languages and synonyms.
func (c *Catalogue) OrganisationMatcher() *Matcher { return c.orgs }

// IndicatorMatcher matches codes, labels and synonyms of indicators.
func (c *Catalogue) IndicatorMatcher() *Matcher { return c.indicators }

// BreakdownMatcher matches breakdown words (Kanaal, Canal, Channel, Type...).
func (c *Catalogue) BreakdownMatcher() *Matcher { return c.breakdowns }

// ValueMatcher matches the values of one breakdown; nil for an unknown one.
func (c *Catalogue) ValueMatcher(breakdown string) *Matcher { return c.values[breakdown] }

// ColumnMatcher matches the column roles of a long-layout header.
func (c *Catalogue) ColumnMatcher() *Matcher { return c.columns }

// ExplanationSheetMatcher recognises the names of sheets that explain a
// workbook (Definitions, About, Toelichting...) rather than hold its data.
func (c *Catalogue) ExplanationSheetMatcher() *Matcher { return c.sheets }

// TotalMatcher recognises the label of a totals row.
func (c *Catalogue) TotalMatcher() *Matcher { return c.totals }

// IndicatorCodes lists the indicator codes in catalogue order.
func (c *Catalogue) IndicatorCodes() []string {
	out := make([]string, len(c.Indicators))
	for i, in := range c.Indicators {
		out[i] = in.Code
	}
	return out
}

// OrganisationCodes lists the organisation codes, sorted.
func (c *Catalogue) OrganisationCodes() []string {
	out := make([]string, len(c.Organisations))
	for i, o := range c.Organisations {
		out[i] = o.Code
	}
	sort.Strings(out)
	return out
}

// Matcher maps normalised labels to codes.
type Matcher struct {
	codes map[string]string // normalised text -> code
	texts map[string]string // normalised text -> text as written in the reference
}

func newMatcher() *Matcher {
	return &Matcher{codes: map[string]string{}, texts: map[string]string{}}
}

func (m *Matcher) add(text, code string) error {
	key := Normalize(text)
	if key == "" {
		return nil
	}
	if prev, ok := m.codes[key]; ok && prev != code {
		return fmt.Errorf("label %q would match both %s and %s", text, prev, code)
	}
	m.codes[key] = code
	if _, ok := m.texts[key]; !ok {
		m.texts[key] = text
	}
	return nil
}

// Lookup returns the code whose label, code or synonym equals text once both
// are normalised.
func (m *Matcher) Lookup(text string) (string, bool) {
	code, ok := m.codes[Normalize(text)]
	return code, ok
}

// LookupNormalized is Lookup for text already passed through Normalize.
func (m *Matcher) LookupNormalized(key string) (string, bool) {
	code, ok := m.codes[key]
	return code, ok
}

// Nearest returns the known label closest to text, as a hint for a user who
// wrote something unknown, with its code.
func (m *Matcher) Nearest(text string) (label, code string) {
	key := Normalize(text)
	best := -1
	keys := make([]string, 0, len(m.codes))
	for k := range m.codes {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic tie-break
	for _, k := range keys {
		d := distance(key, k)
		if best < 0 || d < best {
			best, label, code = d, m.texts[k], m.codes[k]
		}
	}
	return label, code
}

// FindIn looks for a known label inside a longer text (a title line, a file
// name) and returns the code of the longest one found as whole words.
func (m *Matcher) FindIn(text string) (string, bool) {
	hay := " " + Normalize(text) + " "
	bestLen, bestCode := 0, ""
	for k, code := range m.codes {
		if len(k) > bestLen && strings.Contains(hay, " "+k+" ") {
			bestLen, bestCode = len(k), code
		}
	}
	return bestCode, bestLen > 0
}

// distance is the Levenshtein edit distance between two strings.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
