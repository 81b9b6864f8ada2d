// Package reference holds the network's reference data (organisations,
// indicators, breakdown values, the 14 criteria), embedded in the binary, and
// matches the labels found in real exports against it.
//
// reference.go is the catalogue and what it answers; seed.go reads the
// embedded files and builds a catalogue from a seed, checking it; matcher.go
// and normalize.go match a label as written in an export to a code.
package reference

import (
	"sort"
	"strings"
)

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

// IndicatorsIn lists, in catalogue order, the indicators collected in
// year: those whose first year is not after it. The catalogue holds no
// indicator for some administrations only, so every active administration
// is asked for all of them.
func (c *Catalogue) IndicatorsIn(year int) []Indicator {
	var out []Indicator
	for _, in := range c.Indicators {
		if in.FirstYear <= year {
			out = append(out, in)
		}
	}
	return out
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
