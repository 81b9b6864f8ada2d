package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/reference"
)

// measure is what a header or a row label stands for: an indicator and, for
// a breakdown indicator, one of its values.
type measure struct {
	indicator string
	breakdown string
}

// measureStatus tells how far a label could be resolved.
type measureStatus int

const (
	measureUnknown        measureStatus = iota
	measureOK                           // indicator (and breakdown value if it has one)
	measureNeedsBreakdown               // a breakdown indicator named without its value
	measureRate                         // a derived rate: computed, never uploaded
)

// labelSplit separates "<breakdown> - <value>", "by_channel:email",
// "Kanaal / Brief" or "Canal (Lettre)".
var labelSplit = regexp.MustCompile(`^(.+?)\s*(?::|\s[-–—/]\s|\()\s*(.+?)\)?\s*$`)

// rateWords mark a column or row of shares, which the platform computes.
var rateWords = regexp.MustCompile(`%|\b(percentage|pourcentage|aandeel|part|share|rate|taux|ratio)\b`)

// labels resolves header and row texts against the catalogue, caching each
// distinct text: real files repeat the same few labels thousands of times.
type labels struct {
	ref         *reference.Catalogue
	byBreakdown map[string]string // breakdown word code -> indicator code
	measures    map[string]measureResult
	orgs        map[string]string
	values      map[[2]string]string // (indicator, text) -> breakdown value code, "" if unknown
	totals      map[string]bool
	// The last organisation and total asked, with their answers.
	lastOrg struct {
		text, code string
	}
	lastTotal struct {
		text         string
		total, known bool
	}
}

type measureResult struct {
	m      measure
	status measureStatus
}

func newLabels(ref *reference.Catalogue) *labels {
	l := &labels{ref: ref, byBreakdown: map[string]string{}, measures: map[string]measureResult{},
		orgs: map[string]string{}, values: map[[2]string]string{}, totals: map[string]bool{}}
	for _, in := range ref.Indicators {
		if in.Breakdown != "" {
			l.byBreakdown[in.Breakdown] = in.Code
		}
	}
	return l
}

// measure resolves a label such as "Ontvangen klachten", "received",
// "Kanaal - E-mail", "Klachten per kanaal - Brief" or "by_channel:email".
func (l *labels) measure(text string) (measure, measureStatus) {
	if r, ok := l.measures[text]; ok {
		return r.m, r.status
	}
	m, st := l.resolveMeasure(text)
	l.measures[text] = measureResult{m, st}
	return m, st
}

func (l *labels) resolveMeasure(text string) (measure, measureStatus) {
	key := reference.Normalize(text)
	if key == "" {
		return measure{}, measureUnknown
	}
	if rateWords.MatchString(strings.ToLower(text)) {
		return measure{}, measureRate
	}
	if code, ok := l.ref.IndicatorMatcher().LookupNormalized(key); ok {
		in, _ := l.ref.Indicator(code)
		if in.Breakdown != "" {
			return measure{indicator: code}, measureNeedsBreakdown
		}
		return measure{indicator: code}, measureOK
	}
	if sub := labelSplit.FindStringSubmatch(strings.TrimSpace(text)); sub != nil {
		if ind, ok := l.breakdownIndicator(sub[1]); ok {
			in, _ := l.ref.Indicator(ind)
			if v, ok := l.ref.ValueMatcher(in.Breakdown).Lookup(sub[2]); ok {
				return measure{indicator: ind, breakdown: v}, measureOK
			}
		}
	}
	return measure{}, measureUnknown
}

// breakdownIndicator reads the left part of "<breakdown> - <value>": an
// indicator label ("Klachten per kanaal", "by_channel") or a breakdown word
// ("Kanaal", "Canal", "Type").
func (l *labels) breakdownIndicator(text string) (string, bool) {
	if code, ok := l.ref.IndicatorMatcher().Lookup(text); ok {
		in, _ := l.ref.Indicator(code)
		return code, in.Breakdown != ""
	}
	if word, ok := l.ref.BreakdownMatcher().Lookup(text); ok {
		code, ok := l.byBreakdown[word]
		return code, ok
	}
	return "", false
}

// breakdownValue reads a breakdown cell for indicator ind.
func (l *labels) breakdownValue(ind, text string) (string, bool) {
	k := [2]string{ind, text}
	if code, ok := l.values[k]; ok {
		return code, code != ""
	}
	code := ""
	if in, ok := l.ref.Indicator(ind); ok && in.Breakdown != "" {
		code, _ = l.ref.ValueMatcher(in.Breakdown).Lookup(text)
	}
	l.values[k] = code
	return code, code != ""
}

// organisation resolves an organisation cell (code, name or synonym).
func (l *labels) organisation(text string) (string, bool) {
	// Rows of one organisation usually follow each other.
	if text == l.lastOrg.text {
		return l.lastOrg.code, l.lastOrg.code != ""
	}
	code, ok := l.orgs[text]
	if !ok {
		code, _ = l.ref.OrganisationMatcher().Lookup(text)
		l.orgs[text] = code
	}
	l.lastOrg.text, l.lastOrg.code = text, code
	return code, code != ""
}

// nearestIndicator is the hint shown for an unknown indicator label.
func (l *labels) nearestIndicator(text string) string {
	label, code := l.ref.IndicatorMatcher().Nearest(text)
	return hint(label, code)
}

// nearestOrganisation is the hint shown for an unknown organisation.
func (l *labels) nearestOrganisation(text string) string {
	label, code := l.ref.OrganisationMatcher().Nearest(text)
	return hint(label, code)
}

// hint names the nearest known label and its code, or "" when none is near.
func hint(label, code string) string {
	if label == "" {
		return ""
	}
	if reference.Normalize(label) == reference.Normalize(code) {
		return code
	}
	return label + " (" + code + ")"
}

// nearHint is the hint code for a suggestion: "hint.nearest" when there is one.
func nearHint(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return "hint.nearest"
}

// isTotal tells whether a row label announces a totals row.
func (l *labels) isTotal(text string) bool {
	// Asked of every row's first cell, which is usually the previous row's.
	if text == l.lastTotal.text && l.lastTotal.known {
		return l.lastTotal.total
	}
	total, ok := l.totals[text]
	if !ok {
		_, total = l.ref.TotalMatcher().Lookup(text)
		l.totals[text] = total
	}
	l.lastTotal.text, l.lastTotal.total, l.lastTotal.known = text, total, true
	return total
}

// yearHeader reads a year written as a column header: "2023", "2023.0",
// "Jaar 2023", "Année 2023". A year outside minYear–maxYear is still read
// as one, for mapHeader to refuse with its place.
var yearHeaderRe = regexp.MustCompile(`^(?:[a-z]+ )?((?:19|20|21)\d\d)(?: 0)?$`)

func yearHeader(text string) (int, bool) {
	m := yearHeaderRe.FindStringSubmatch(reference.Normalize(text))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// yearsIn finds the distinct plausible years written in a free text such as a
// title line or a file name.
var digitRun = regexp.MustCompile(`\d+`)

func yearsIn(text string) []int {
	var out []int
	for _, m := range digitRun.FindAllString(text, -1) {
		y, _ := strconv.Atoi(m)
		if len(m) != 4 || y < minYear || y > maxYear {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == y
		}
		if !dup {
			out = append(out, y)
		}
	}
	return out
}
