// Package entryform is the online form through which an administration
// without an export tool types its yearly figures: which fields the form
// has for an administration and year, how the typed values become the
// observations of a file, where the problems of that file belong on the
// form, and the drafts kept between visits. It knows nothing of HTTP: the
// web handlers render what it returns.
package entryform

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/consistency"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// maxValue is the most characters a field keeps, in a check or a draft: a
// count of the network is at most a few million.
const maxValue = 30

// groups lay the indicators out as the yearly report tells them: what
// came in, how it ended, how fast, and the rest. An indicator of the
// catalogue in none of them (one a coordinator added) goes to the last.
var groups = []struct {
	id         string
	indicators []string
}{
	{"received", []string{"received", "information_requests", "admissible", "inadmissible", "by_channel", "by_language"}},
	{"outcome", []string{"closed", "founded", "partly_founded", "unfounded", "founded_by_type", "open_end_of_year", "second_line"}},
	{"time", []string{"ack_on_time", "closed_on_time", "avg_days", "median_days", "by_processing_time"}},
	{"other", []string{"suggestions", "compliments", "improvement_actions", "activity_volume"}},
}

// fromAssessment are the indicators no form asks for: criteria_met is
// published from the validated self-assessment.
var fromAssessment = []string{"criteria_met"}

// Form is the online form of one administration and year.
type Form struct {
	Organisation string
	Year         int
	Groups       []Group
}

// Group is one fieldset of the form; its legend is the locale text
// "form.group.<ID>".
type Group struct {
	ID    string
	Items []Item
}

// Item is one indicator: one field, or one per part of its breakdown.
type Item struct {
	Indicator reference.Indicator
	Fields    []Field
}

// Field is one input of the form.
type Field struct {
	Name      string // the input's name and id
	Indicator string
	Breakdown string // the part of a breakdown, "" for a plain indicator
	Unit      string // "count" (whole numbers) or "days"
}

// New lays out the form of org for year from the catalogue: every
// indicator valid that year, breakdowns split into their parts.
func New(ref *reference.Catalogue, org string, year int) Form {
	f := Form{Organisation: org, Year: year}
	placed := map[string]int{}
	for i, g := range groups {
		f.Groups = append(f.Groups, Group{ID: g.id})
		for _, code := range g.indicators {
			placed[code] = i
		}
	}
	last := len(groups) - 1
	for _, g := range groups {
		for _, code := range g.indicators {
			if in, ok := ref.Indicator(code); ok && in.FirstYear <= year {
				f.Groups[placed[code]].Items = append(f.Groups[placed[code]].Items, item(ref, in))
			}
		}
	}
	for _, in := range ref.Indicators {
		if _, ok := placed[in.Code]; ok || slices.Contains(fromAssessment, in.Code) || in.FirstYear > year {
			continue
		}
		f.Groups[last].Items = append(f.Groups[last].Items, item(ref, in))
	}
	return f
}

func item(ref *reference.Catalogue, in reference.Indicator) Item {
	it := Item{Indicator: in}
	if in.Breakdown == "" {
		it.Fields = []Field{{Name: FieldName(in.Code, ""), Indicator: in.Code, Unit: in.Unit}}
		return it
	}
	for _, v := range ref.BreakdownValuesOf(in.Breakdown) {
		it.Fields = append(it.Fields, Field{Name: FieldName(in.Code, v.Code), Indicator: in.Code, Breakdown: v.Code, Unit: in.Unit})
	}
	return it
}

// FieldName is the name (and id) of the input of an indicator, or of one
// part of its breakdown.
func FieldName(indicator, breakdown string) string {
	if breakdown == "" {
		return "v-" + indicator
	}
	return "v-" + indicator + "-" + breakdown
}

// Fields lists every input of the form, in order.
func (f Form) Fields() []Field {
	var out []Field
	for _, g := range f.Groups {
		for _, it := range g.Items {
			out = append(out, it.Fields...)
		}
	}
	return out
}

// Values keeps, of what a browser sent, the form's own fields, trimmed and
// at most maxValue characters each; empty ones are left out.
func (f Form) Values(get func(name string) string) map[string]string {
	out := map[string]string{}
	for _, fd := range f.Fields() {
		v := strings.TrimSpace(get(fd.Name))
		if r := []rune(v); len(r) > maxValue {
			v = string(r[:maxValue])
		}
		if v != "" {
			out[fd.Name] = v
		}
	}
	return out
}

// Entry is the form as filled in: the values read as observations, in
// the form's order, and the problems of the values that could not be read.
type Entry struct {
	Form         Form
	Observations []domain.Observation
	Problems     []Located
	fields       []string // the field of each observation
}

// Located is a problem and the field it concerns ("" for the whole form).
type Located struct {
	Field   string
	Problem domain.Problem
}

// Read turns the values of the form's fields into observations. A value
// that is no number, a negative one, or a count with decimals is an error
// at its field; a form with no value at all is one error for the whole
// form.
func (f Form) Read(values map[string]string) Entry {
	e := Entry{Form: f}
	for _, fd := range f.Fields() {
		raw, ok := values[fd.Name]
		if !ok {
			continue
		}
		v, code := number(raw, fd.Unit)
		if code != "" {
			e.Problems = append(e.Problems, Located{Field: fd.Name, Problem: domain.Problem{
				Severity: domain.SeverityError, Code: code, Value: raw}})
			continue
		}
		e.Observations = append(e.Observations, domain.Observation{Organisation: f.Organisation, Year: f.Year,
			Indicator: fd.Indicator, Breakdown: fd.Breakdown, Value: v})
		e.fields = append(e.fields, fd.Name)
	}
	if len(values) == 0 {
		e.Problems = append(e.Problems, Located{Problem: domain.Problem{Severity: domain.SeverityError, Code: "form_empty"}})
	}
	return e
}

// number reads a typed value: digits, with a decimal comma or point for
// days only; spaces between digit groups are allowed. It returns the
// problem's code when the value cannot be taken.
func number(raw, unit string) (float64, string) {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, raw)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s = strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || s == "" || strings.ContainsFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }) {
		return 0, "form_not_number"
	}
	switch {
	case neg && v != 0:
		return 0, "form_negative"
	case unit == "count" && strings.Contains(s, "."):
		return 0, "form_not_whole"
	}
	return v, ""
}

// Accepted tells whether the values could all be read.
func (e Entry) Accepted() bool { return len(e.Problems) == 0 }

// File writes the observations as the canonical CSV file the importer
// reads (one row per value, after a header row), and names it: the form's
// values then take exactly the way of an uploaded file.
func (e Entry) File() (string, []byte) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{reference.ColumnOrganisation, reference.ColumnYear, reference.ColumnIndicator, reference.ColumnBreakdown, reference.ColumnValue})
	for _, o := range e.Observations {
		w.Write([]string{o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64)})
	}
	w.Flush()
	return fmt.Sprintf("form-%s-%d.csv", e.Form.Organisation, e.Form.Year), buf.Bytes()
}

// Locate places the problems of the file the entry was written to at the
// fields they concern: a problem of a row at the field of that row, a
// consistency rule at the first of its terms the form carries (the
// breakdown or the part that does not add up); any other at the whole
// form.
func (e Entry) Locate(ps []domain.Problem) []Located {
	out := make([]Located, 0, len(ps))
	for _, p := range ps {
		out = append(out, Located{Field: e.fieldOf(p), Problem: p})
	}
	return out
}

func (e Entry) fieldOf(p domain.Problem) string {
	if key := p.Args["rule_key"]; key != "" {
		for _, r := range consistency.Rules() {
			if "rule."+r.ID != key {
				continue
			}
			for _, t := range r.Terms {
				if i := slices.IndexFunc(e.Observations, func(o domain.Observation) bool { return o.Indicator == t }); i >= 0 {
					return e.fields[i]
				}
			}
		}
		return ""
	}
	// Row 1 is the header; row i+2 is observation i.
	if i := p.Place.Row - 2; p.Place.Row > 0 && i < len(e.fields) {
		return e.fields[i]
	}
	return ""
}

// Outliers places the values that look wrong against the published years
// at their fields.
func (e Entry) Outliers(outs []domain.Outlier) map[string]domain.Outlier {
	out := map[string]domain.Outlier{}
	for _, o := range outs {
		if o.Organisation == e.Form.Organisation && o.Year == e.Form.Year {
			out[FieldName(o.Indicator, o.Breakdown)] = o
		}
	}
	return out
}
