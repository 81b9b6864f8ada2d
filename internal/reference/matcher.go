package reference

import (
	"sort"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
)

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
