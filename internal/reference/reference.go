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
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
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

// Organisation is one administration of the network. Its code is stable and
// never reused; an administration is never removed, it ends (LastYear) and
// may have successors.
type Organisation struct {
	Code          string   `json:"code"`
	Name          Labels   `json:"name"`
	Abbreviations []string `json:"abbreviations"` // other names used for matching uploads
	Kind          string   `json:"kind"`
	SecondLine    string   `json:"second_line"`
	// ArticleFR is the French definite article of the name: le, la, l’,
	// les, or empty for a name that takes none.
	ArticleFR string `json:"article_fr"`
	// Group is the group of the latest membership; GroupIn gives a year's.
	Group      string       `json:"group"`
	Groups     []Membership `json:"groups"` // by FromYear, ascending
	FirstYear  int          `json:"first_year"`
	LastYear   int          `json:"last_year,omitempty"` // 0 while active
	Successors []Successor  `json:"successors"`
}

// ArticlesFR are the values of Organisation.ArticleFR.
var ArticlesFR = []string{"", "le", "la", "l’", "les"}

// OfName is the name as the complement "of the administration" in lang:
// "du SPF Finances", "de la Police fédérale", "de l’Office national de
// l’Emploi" in French, "van FOD Financiën", "of FPS Finance". A text that
// names an administration this way has no preposition of its own before it.
func (o Organisation) OfName(lang string) string {
	name := o.Name.In(lang)
	switch lang {
	case "nl":
		return "van " + name
	case "fr":
		switch o.ArticleFR {
		case "le":
			return "du " + name
		case "la":
			return "de la " + name
		case "l’", "l'":
			return "de l’" + name
		case "les":
			return "des " + name
		}
		if name != "" && strings.ContainsRune("AEIOUYÉÈÊÂÎÔHaeiouyéèêâîôh", []rune(name)[0]) {
			return "d’" + name
		}
		return "de " + name
	}
	return "of " + name
}

// Membership puts an administration in a group from a year on, until the
// next membership of the same administration.
type Membership struct {
	FromYear int    `json:"from_year"`
	Group    string `json:"group"`
}

// Successor is an administration that takes over from Year on, after a
// merger or a split.
type Successor struct {
	Code string `json:"code"`
	Year int    `json:"year"`
}

// ActiveIn tells whether the administration exists, and so must report, in year.
func (o Organisation) ActiveIn(year int) bool {
	return year >= o.FirstYear && (o.LastYear == 0 || year <= o.LastYear)
}

// GroupIn returns the group the administration belongs to in year ("" before
// its first membership).
func (o Organisation) GroupIn(year int) string {
	g := ""
	for _, m := range o.Groups {
		if m.FromYear <= year {
			g = m.Group
		}
	}
	return g
}

// Group is a group of administrations in which figures are reported.
type Group struct {
	Code string `json:"code"`
	Name Labels `json:"name"`
}

// Indicator is one entry of the network's indicator catalogue.
type Indicator struct {
	Code      string `json:"code"`
	Unit      string `json:"unit"`
	Breakdown string `json:"breakdown,omitempty"`
	Label     Labels `json:"label"`
	// Definition is the definition in force now; History every version.
	Definition Labels       `json:"definition"`
	FirstYear  int          `json:"first_year"`
	History    []Definition `json:"history"`
}

// Definition is the text of an indicator's definition in one language,
// valid from FromYear until the next one of that language.
type Definition struct {
	Lang     string `json:"lang"`
	FromYear int    `json:"from_year"`
	Text     string `json:"text"`
}

// DefinitionIn returns the definition valid in year, in lang; for a year
// before the first recorded version it returns the first one.
func (in Indicator) DefinitionIn(lang string, year int) string {
	valid, first := -1, -1
	for i, d := range in.History {
		if d.Lang != lang {
			continue
		}
		if d.FromYear <= year && (valid < 0 || d.FromYear >= in.History[valid].FromYear) {
			valid = i
		}
		if first < 0 || d.FromYear < in.History[first].FromYear {
			first = i
		}
	}
	switch {
	case valid >= 0:
		return in.History[valid].Text
	case first >= 0:
		return in.History[first].Text
	}
	return in.Definition.In(lang)
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

// FirstNetworkYear is the first year the network collected its indicators;
// the seed's administrations and indicators start then.
const FirstNetworkYear = 2011

// Seed is the part of the reference data the coordinator manages:
// administrations, groups and indicators. The embedded files hold the seed
// of a new database; afterwards the database is the authority.
type Seed struct {
	Organisations []Organisation
	Groups        []Group
	Indicators    []Indicator
}

// Catalogue is the loaded reference data with its matchers. It is never
// changed once built: a change of the reference builds a new one.
type Catalogue struct {
	Organisations   []Organisation
	Groups          []Group
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
	seed, err := ReadSeed()
	if err != nil {
		return nil, err
	}
	return New(seed)
}

// ReadSeed reads the administrations, groups and indicators of the embedded
// files, with the organisation synonyms as abbreviations.
func ReadSeed() (Seed, error) {
	var seed Seed
	steps := []struct {
		file string
		load func([]string) error
	}{
		{"groups.csv", func(rec []string) error {
			seed.Groups = append(seed.Groups, Group{Code: rec[0], Name: Labels{rec[1], rec[2], rec[3]}})
			return nil
		}},
		{"organisations.csv", func(rec []string) error {
			seed.Organisations = append(seed.Organisations, Organisation{
				Code: rec[0], Name: Labels{rec[1], rec[2], rec[3]}, Kind: rec[4], SecondLine: rec[5], ArticleFR: rec[7],
				Groups: []Membership{{FromYear: FirstNetworkYear, Group: rec[6]}}, FirstYear: FirstNetworkYear})
			return nil
		}},
		{"indicators.csv", func(rec []string) error {
			in, err := seedIndicator(rec)
			seed.Indicators = append(seed.Indicators, in)
			return err
		}},
		{"synonyms.csv", func(rec []string) error {
			if rec[0] != "organisation" {
				return nil
			}
			for i := range seed.Organisations {
				if o := &seed.Organisations[i]; o.Code == rec[1] {
					o.Abbreviations = append(o.Abbreviations, rec[2])
					return nil
				}
			}
			return fmt.Errorf("synonym %q of unknown organisation %s", rec[2], rec[1])
		}},
	}
	for _, step := range steps {
		if err := readRows(step.file, step.load); err != nil {
			return Seed{}, err
		}
	}
	return seed, nil
}

// seedIndicator reads a line of indicators.csv: code, unit, breakdown, the
// three labels, the definitions in en, nl and fr, and the first year. A line
// may stop after the English definition (older files): the rest is then
// empty and TestIndicatorTexts names what is missing.
func seedIndicator(rec []string) (Indicator, error) {
	col := func(i int) string {
		if i < len(rec) {
			return rec[i]
		}
		return ""
	}
	if len(rec) < 6 {
		return Indicator{}, fmt.Errorf("indicator line has %d fields, want at least 6", len(rec))
	}
	in := Indicator{Code: rec[0], Unit: rec[1], Breakdown: rec[2], Label: Labels{rec[3], rec[4], rec[5]},
		Definition: Labels{NL: col(7), FR: col(8), EN: col(6)}, FirstYear: FirstNetworkYear}
	if y := col(9); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			return in, fmt.Errorf("indicator %s: first year %q: %w", in.Code, y, err)
		}
		in.FirstYear = n
	}
	for _, lang := range Languages {
		if text := in.Definition.In(lang); text != "" {
			in.History = append(in.History, Definition{Lang: lang, FromYear: in.FirstYear, Text: text})
		}
	}
	return in, nil
}

// New builds a catalogue from the managed reference data and the embedded
// fixed lists (breakdown values, criteria, synonyms). It refuses data that
// contradicts itself: a name claimed by two administrations, an unknown
// group or successor, an end before the start, a successor that leads back
// to the administration, a merger into an administration not active then.
func New(seed Seed) (*Catalogue, error) {
	c := &Catalogue{
		Organisations:   append([]Organisation(nil), seed.Organisations...),
		Groups:          append([]Group(nil), seed.Groups...),
		Indicators:      append([]Indicator(nil), seed.Indicators...),
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
	for i := range c.Organisations {
		o := &c.Organisations[i]
		sort.SliceStable(o.Groups, func(a, b int) bool { return o.Groups[a].FromYear < o.Groups[b].FromYear })
		o.Abbreviations = slices.Compact(slices.Sorted(slices.Values(o.Abbreviations)))
		if n := len(o.Groups); n > 0 {
			o.Group = o.Groups[n-1].Group
		}
		for _, text := range append([]string{o.Code, o.Name.NL, o.Name.FR, o.Name.EN}, o.Abbreviations...) {
			if err := c.orgs.add(text, o.Code); err != nil {
				return nil, fmt.Errorf("reference: %w", domain.Errorf(domain.EINVALID, "error.reference.administration", o.Code, err))
			}
		}
	}
	for i := range c.Indicators {
		in := &c.Indicators[i]
		for _, text := range []string{in.Code, in.Label.NL, in.Label.FR, in.Label.EN} {
			if err := c.indicators.add(text, in.Code); err != nil {
				return nil, fmt.Errorf("reference: %w", domain.Errorf(domain.EINVALID, "error.reference.indicator", in.Code, err))
			}
		}
	}
	steps := []struct {
		file string
		load func([]string) error
	}{
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
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("reference: %w", err)
	}
	return c, nil
}

func readRows(file string, add func([]string) error) error {
	raw, err := dataFS.ReadFile("data/" + file)
	if err != nil {
		return fmt.Errorf("reference: read %s: %w", file, err)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1 // each reader checks its own lines
	head, err := r.Read()
	if err != nil {
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
		if len(rec) < len(head) && file != "indicators.csv" {
			return fmt.Errorf("reference: %s line %d: %d fields, want %d", file, line, len(rec), len(head))
		}
		if err := add(rec); err != nil {
			return fmt.Errorf("reference: %s line %d: %w", file, line, err)
		}
	}
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
		return nil // abbreviations of the administrations, read by ReadSeed
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

// check verifies what New promises about the managed data.
func (c *Catalogue) check() error {
	groups := map[string]bool{}
	for _, g := range c.Groups {
		if g.Code == "" || groups[g.Code] {
			return domain.Errorf(domain.EINVALID, "error.reference.group_code", g.Code)
		}
		groups[g.Code] = true
	}
	for _, o := range c.Organisations {
		if o.LastYear != 0 && o.LastYear < o.FirstYear {
			return domain.Errorf(domain.EINVALID, "error.reference.ends_before_start", o.Code, o.LastYear, o.FirstYear)
		}
		for _, m := range o.Groups {
			if !groups[m.Group] {
				return domain.Errorf(domain.EINVALID, "error.reference.group_missing", o.Code, m.Group)
			}
		}
		for _, s := range o.Successors {
			next, ok := c.orgByCode[s.Code]
			switch {
			case !ok:
				return domain.Errorf(domain.EINVALID, "error.reference.successor_missing", o.Code, s.Code)
			case o.LastYear == 0 || s.Year != o.LastYear+1:
				return domain.Errorf(domain.EINVALID, "error.reference.successor_year", o.Code)
			case !next.ActiveIn(s.Year):
				return domain.Errorf(domain.EINVALID, "error.reference.successor_inactive", o.Code, s.Code, s.Year)
			}
		}
		if c.leadsBack(o.Code) {
			return domain.Errorf(domain.EINVALID, "error.reference.successor_loop", o.Code)
		}
	}
	for _, in := range c.Indicators {
		if in.Breakdown != "" && c.values[in.Breakdown] == nil {
			return domain.Errorf(domain.EINVALID, "error.reference.breakdown_missing", in.Code, in.Breakdown)
		}
	}
	return nil
}

// leadsBack tells whether following successors from code reaches code again.
func (c *Catalogue) leadsBack(code string) bool {
	seen := map[string]bool{}
	next := []string{code}
	for len(next) > 0 {
		cur := next[0]
		next = next[1:]
		o, ok := c.orgByCode[cur]
		if !ok {
			continue
		}
		for _, s := range o.Successors {
			if s.Code == code {
				return true
			}
			if !seen[s.Code] {
				seen[s.Code] = true
				next = append(next, s.Code)
			}
		}
	}
	return false
}

// Organisation returns the organisation with this code.
func (c *Catalogue) Organisation(code string) (Organisation, bool) {
	o, ok := c.orgByCode[code]
	if !ok {
		return Organisation{}, false
	}
	return *o, true
}

// MustReport lists the administrations of orgs that must report for year:
// active in it and, when group is not empty, members of group in that year
// (a figure of 2016 counts in the groups of 2016); in the order of orgs.
// It is the one statement of who must report: rounds, the overview, the
// scorecard and the report all ask it.
func MustReport(orgs []Organisation, year int, group string) []Organisation {
	var out []Organisation
	for _, o := range orgs {
		if o.ActiveIn(year) && (group == "" || o.GroupIn(year) == group) {
			out = append(out, o)
		}
	}
	return out
}

// Predecessors lists the administrations that ended into code, directly or
// through earlier mergers, in catalogue order.
func (c *Catalogue) Predecessors(code string) []Organisation {
	into := map[string]bool{code: true}
	for changed := true; changed; {
		changed = false
		for _, o := range c.Organisations {
			if into[o.Code] {
				continue
			}
			for _, s := range o.Successors {
				if into[s.Code] {
					into[o.Code], changed = true, true
					break
				}
			}
		}
	}
	var out []Organisation
	for _, o := range c.Organisations {
		if o.Code != code && into[o.Code] {
			out = append(out, o)
		}
	}
	return out
}

// Group returns the group with this code.
func (c *Catalogue) Group(code string) (Group, bool) {
	for _, g := range c.Groups {
		if g.Code == code {
			return g, true
		}
	}
	return Group{}, false
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
		return domain.Errorf(domain.EINVALID, "error.reference.label_ambiguous", text, prev, code)
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
// wrote something unknown, with its code; nothing for a text far longer
// than any label, which is no typing mistake (and whose edit distance to
// every label would take minutes).
func (m *Matcher) Nearest(text string) (label, code string) {
	if len(text) > maxNearestBytes {
		return "", ""
	}
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

// maxNearestBytes bounds the texts Nearest compares with the labels.
const maxNearestBytes = 1024

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

// Seed returns a deep copy of the managed part of the catalogue, to be
// changed and passed to New.
func (c *Catalogue) Seed() Seed {
	seed := Seed{
		Organisations: make([]Organisation, len(c.Organisations)),
		Groups:        append([]Group(nil), c.Groups...),
		Indicators:    make([]Indicator, len(c.Indicators)),
	}
	for i, o := range c.Organisations {
		o.Abbreviations = append([]string(nil), o.Abbreviations...)
		o.Groups = append([]Membership(nil), o.Groups...)
		o.Successors = append([]Successor(nil), o.Successors...)
		seed.Organisations[i] = o
	}
	for i, in := range c.Indicators {
		in.History = append([]Definition(nil), in.History...)
		seed.Indicators[i] = in
	}
	return seed
}

// MoveTo puts the administration in group from year on: memberships from
// that year on are replaced.
func (o *Organisation) MoveTo(group string, year int) {
	kept := o.Groups[:0:0]
	for _, m := range o.Groups {
		if m.FromYear < year {
			kept = append(kept, m)
		}
	}
	if len(kept) > 0 && kept[len(kept)-1].Group == group {
		o.Groups = kept
		return
	}
	o.Groups = append(kept, Membership{FromYear: year, Group: group})
}

// SetDefinition records text as the definition in lang from year on,
// replacing a version from the same year, and keeps Definition as the
// latest version of each language.
func (in *Indicator) SetDefinition(lang string, year int, text string) {
	replaced := false
	for i, d := range in.History {
		if d.Lang == lang && d.FromYear == year {
			in.History[i].Text, replaced = text, true
		}
	}
	if !replaced {
		in.History = append(in.History, Definition{Lang: lang, FromYear: year, Text: text})
	}
	sort.SliceStable(in.History, func(a, b int) bool {
		if in.History[a].Lang != in.History[b].Lang {
			return in.History[a].Lang < in.History[b].Lang
		}
		return in.History[a].FromYear < in.History[b].FromYear
	})
	in.Definition = Labels{}
	for _, d := range in.History {
		switch d.Lang { // sorted by year: the last one wins
		case "nl":
			in.Definition.NL = d.Text
		case "fr":
			in.Definition.FR = d.Text
		case "en":
			in.Definition.EN = d.Text
		}
	}
}
