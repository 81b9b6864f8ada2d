// Package consistency holds the network's consistency rules between
// indicators and checks a file's observations against them, together with the
// figures already stored for the same organisation and year.
package consistency

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
)

// Rule is one consistency rule. It is checked for an organisation-year when
// all its terms are present in the file or already stored.
type Rule struct {
	ID       string
	Severity domain.Severity
	// The rule as people say it is the locale text "rule.<ID>".
	Terms []string // indicator codes it needs
	// holds receives the values (breakdown indicators summed over their
	// parts) and tells whether the rule holds.
	holds func(v map[string]float64) bool
}

// Rules is the catalogue, in the order the README lists them. Only the
// cohort rule is a warning: administrations that count flows rather than the
// year's cohort legitimately differ there.
func Rules() []Rule {
	return []Rule{
		{"admissible_split", domain.SeverityError,
			[]string{"admissible", "inadmissible", "received"},
			func(v map[string]float64) bool { return eq(v["admissible"]+v["inadmissible"], v["received"]) }},
		{"outcome_split", domain.SeverityError,
			[]string{"founded", "partly_founded", "unfounded", "closed"},
			func(v map[string]float64) bool {
				return eq(v["founded"]+v["partly_founded"]+v["unfounded"], v["closed"])
			}},
		{"closed_within_admissible", domain.SeverityError,
			[]string{"closed", "admissible"},
			func(v map[string]float64) bool { return v["closed"] <= v["admissible"]+eps }},
		{"cohort", domain.SeverityWarning,
			[]string{"closed", "open_end_of_year", "admissible"},
			func(v map[string]float64) bool { return eq(v["closed"]+v["open_end_of_year"], v["admissible"]) }},
		{"ack_within_admissible", domain.SeverityError,
			[]string{"ack_on_time", "admissible"},
			func(v map[string]float64) bool { return v["ack_on_time"] <= v["admissible"]+eps }},
		{"closed_on_time_within_closed", domain.SeverityError,
			[]string{"closed_on_time", "closed"},
			func(v map[string]float64) bool { return v["closed_on_time"] <= v["closed"]+eps }},
		{"channels_sum", domain.SeverityError,
			[]string{"by_channel", "received"},
			func(v map[string]float64) bool { return eq(v["by_channel"], v["received"]) }},
		{"languages_sum", domain.SeverityError,
			[]string{"by_language", "received"},
			func(v map[string]float64) bool { return eq(v["by_language"], v["received"]) }},
		{"types_sum", domain.SeverityError,
			[]string{"founded_by_type", "founded", "partly_founded"},
			func(v map[string]float64) bool { return eq(v["founded_by_type"], v["founded"]+v["partly_founded"]) }},
		{"processing_time_sum", domain.SeverityError,
			[]string{"by_processing_time", "closed"},
			func(v map[string]float64) bool { return eq(v["by_processing_time"], v["closed"]) }},
	}
}

const eps = 1e-9

func eq(a, b float64) bool { return math.Abs(a-b) < eps }

// StoredFunc returns the figures already stored for an organisation and year.
type StoredFunc func(org string, year int) ([]domain.Observation, error)

type orgYear struct {
	org  string
	year int
}

// Check applies every rule to each organisation-year of the file. places[i]
// locates obs[i]; a violation is reported at the first place of its terms in
// the file. The file's values replace stored values indicator by indicator,
// as they will once imported.
func Check(file string, obs []domain.Observation, places []domain.Place, stored StoredFunc) ([]domain.Problem, error) {
	// Each observation's group, then the observations of every group in file
	// order, laid out one group after the other: files of 100k rows list
	// thousands of organisation-years, mostly one after the other.
	groupOf := map[orgYear]int{}
	var order []orgYear
	var counts []int
	rowGroup := make([]int, len(obs))
	last, g := orgYear{}, -1
	for i, o := range obs {
		if k := (orgYear{o.Organisation, o.Year}); g < 0 || k != last {
			var ok bool
			if g, ok = groupOf[k]; !ok {
				g = len(order)
				groupOf[k] = g
				order = append(order, k)
				counts = append(counts, 0)
			}
			last = k
		}
		rowGroup[i] = g
		counts[g]++
	}
	start := make([]int, len(order)+1)
	for g, n := range counts {
		start[g+1] = start[g] + n
	}
	rows := make([]int, len(obs))
	next := slices.Clone(start[:len(order)])
	for i, g := range rowGroup {
		rows[next[g]] = i
		next[g]++
	}
	var problems []domain.Problem
	// One set of maps serves every group: a file of thousands of
	// organisation-years would otherwise allocate thousands of them.
	values := map[string]float64{}
	fromFile := map[string]domain.Place{}
	fromStore := map[string]bool{}
	rules := Rules()
	for g, k := range order {
		clear(values)
		clear(fromFile)
		clear(fromStore)
		for _, i := range rows[start[g]:start[g+1]] {
			values[obs[i].Indicator] += obs[i].Value
			if _, ok := fromFile[obs[i].Indicator]; !ok {
				fromFile[obs[i].Indicator] = places[i]
			}
		}
		if stored != nil {
			prev, err := stored(k.org, k.year)
			if err != nil {
				return nil, fmt.Errorf("consistency: stored figures of %s %d: %w", k.org, k.year, err)
			}
			for _, o := range prev {
				if _, inFile := fromFile[o.Indicator]; inFile {
					continue
				}
				values[o.Indicator] += o.Value
				fromStore[o.Indicator] = true
			}
		}
		for _, r := range rules {
			if p, ok := violation(r, k, file, values, fromFile, fromStore); ok {
				problems = append(problems, p)
			}
		}
	}
	return problems, nil
}

// violation checks one rule for one organisation-year; the problem's text
// is made only when the rule is broken: it is checked thousands of times
// for one file.
func violation(r Rule, k orgYear, file string, values map[string]float64, fromFile map[string]domain.Place, fromStore map[string]bool) (domain.Problem, bool) {
	var place *domain.Place
	for _, t := range r.Terms {
		pl, inFile := fromFile[t]
		if !inFile && !fromStore[t] {
			return domain.Problem{}, false
		}
		if inFile && (place == nil || pl.Row < place.Row) {
			p := pl
			place = &p
		}
	}
	if place == nil {
		return domain.Problem{}, false // nothing of the file is involved
	}
	if r.holds(values) {
		return domain.Problem{}, false
	}
	var terms, stored []string
	for _, t := range r.Terms {
		term := t + " = " + strconv.FormatFloat(values[t], 'f', -1, 64)
		if _, inFile := fromFile[t]; inFile {
			terms = append(terms, term)
		} else {
			stored = append(stored, term)
		}
	}
	sort.Strings(terms)
	sort.Strings(stored)
	pl := *place
	pl.Column, pl.Header = 0, ""
	if pl.File == "" {
		pl.File = file
	}
	code := "rule_violated"
	if len(stored) > 0 {
		code = "rule_violated_stored"
	}
	return domain.Problem{Severity: r.Severity, Code: code, Place: pl, Args: domain.Args(
		"organisation", k.org, "year", strconv.Itoa(k.year), "rule_key", "rule."+r.ID,
		"terms", strings.Join(terms, ", "), "stored", strings.Join(stored, ", "))}, true
}
