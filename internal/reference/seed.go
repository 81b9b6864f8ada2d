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

	"github.com/fcmn/infocentre/internal/domain"
)

//go:embed data/*.csv
var dataFS embed.FS

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
