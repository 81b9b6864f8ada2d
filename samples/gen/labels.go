package main

import (
	"sort"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/reference"
)

// book reads the reference catalogue the way the writers need it: labels
// per language and the catalogue's order of indicators and breakdown values.
type book struct {
	cat      *reference.Catalogue
	indOrder map[string]int
	valOrder map[string]int // breakdown + "/" + code
}

func newBook(cat *reference.Catalogue) *book {
	b := &book{cat: cat, indOrder: map[string]int{}, valOrder: map[string]int{}}
	for i, in := range cat.Indicators {
		b.indOrder[in.Code] = i
	}
	for i, v := range cat.BreakdownValues {
		b.valOrder[v.Breakdown+"/"+v.Code] = i
	}
	return b
}

// breakdownOf names the breakdown of an indicator (channel, language, type),
// empty for a plain indicator.
func (b *book) breakdownOf(indicator string) string {
	in, _ := b.cat.Indicator(indicator)
	return in.Breakdown
}

// less orders keys as the catalogue lists them.
func (b *book) less(x, y key) bool {
	if x.indicator != y.indicator {
		return b.indOrder[x.indicator] < b.indOrder[y.indicator]
	}
	bd := b.breakdownOf(x.indicator)
	return b.valOrder[bd+"/"+x.breakdown] < b.valOrder[bd+"/"+y.breakdown]
}

// keys lists every key any of the records carries, in catalogue order: the
// rows of a report or the columns of a wide table.
func (b *book) keys(recs []record) []key {
	seen := map[key]bool{}
	var out []key
	for _, r := range recs {
		for k := range r.figs {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return b.less(out[i], out[j]) })
	return out
}

// sorted lists a record's keys in catalogue order.
func (b *book) sorted(f figures) []key {
	return b.keys([]record{{figs: f}})
}

// indicatorLabel is the catalogue label of an indicator in lang.
func (b *book) indicatorLabel(indicator, lang string) string {
	in, _ := b.cat.Indicator(indicator)
	return in.Label.In(lang)
}

// valueLabel is the catalogue label of a breakdown value in lang.
func (b *book) valueLabel(k key, lang string) string {
	return b.cat.BreakdownLabel(b.breakdownOf(k.indicator), k.breakdown, lang)
}

// orgName is an organisation's name in lang.
func (b *book) orgName(code, lang string) string {
	o, _ := b.cat.Organisation(code)
	return o.Name.In(lang)
}

// breakdownWords are the words people put before a breakdown value in a
// column or row label ("Kanaal - E-mail").
var breakdownWords = map[string]map[string]string{
	"channel":  {"nl": "Kanaal", "fr": "Canal", "en": "Channel"},
	"language": {"nl": "Taal", "fr": "Langue", "en": "Language"},
	"type":     {"nl": "Type", "fr": "Type", "en": "Type"},
}

// How a split figure is labelled in a wide column or a report row.
type labelStyle int

const (
	byWord      labelStyle = iota // "Kanaal - E-mail"
	byIndicator                   // "Klachten per kanaal - E-mail"
)

// label is the full label of a key: the indicator's label for a plain
// figure, "<breakdown> - <value>" for a split one.
func (b *book) label(k key, lang string, style labelStyle) string {
	if k.breakdown == "" {
		return b.indicatorLabel(k.indicator, lang)
	}
	prefix := b.indicatorLabel(k.indicator, lang)
	if style == byWord {
		prefix = breakdownWords[b.breakdownOf(k.indicator)][lang]
	}
	return prefix + " - " + b.valueLabel(k, lang)
}

// plain writes a value with a decimal point and no grouping: 1234, 23.4.
func plain(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// localised writes a value with a decimal comma, grouping thousands with
// sep when sep is not empty: 1.234, 1 234, 23,4.
func localised(v float64, sep string) string {
	whole, frac, hasFrac := strings.Cut(plain(v), ".")
	whole = groupThousands(whole, sep)
	if hasFrac {
		return whole + "," + frac
	}
	return whole
}

// grouped writes a value with a decimal point and a comma between
// thousands: 1,234, 23.4.
func grouped(v float64) string {
	whole, frac, hasFrac := strings.Cut(plain(v), ".")
	whole = groupThousands(whole, ",")
	if hasFrac {
		return whole + "." + frac
	}
	return whole
}

func groupThousands(digits, sep string) string {
	if sep == "" || len(digits) <= 3 {
		return digits
	}
	var g strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			g.WriteString(sep)
		}
		g.WriteRune(d)
	}
	return g.String()
}
