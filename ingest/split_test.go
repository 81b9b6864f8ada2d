package ingest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// longCSV writes n rows of the long layout for the catalogue's organisations
// and indicators, from year 2000 on; bad(i) may replace row i.
func longCSV(p *Parser, n int, bad func(i int) string) string {
	var sb strings.Builder
	sb.WriteString("organisation,year,indicator,breakdown,value\n")
	i := 0
	for year := 2000; i < n; year++ {
		for _, org := range p.ref.OrganisationCodes() {
			for _, in := range p.ref.Indicators {
				if in.Breakdown != "" {
					continue
				}
				if line := bad(i); line != "" {
					sb.WriteString(line + "\n")
				} else {
					fmt.Fprintf(&sb, "%s,%d,%s,,%d\n", org, year, in.Code, i%13)
				}
				i++
			}
		}
	}
	return sb.String()
}

// TestParseOnTwoCoresAsInOne: a large CSV is read in two halves at once; what
// it yields (values, places, problems listed and counted) is what one pass
// yields. One pass is forced by a line holding only a quoted empty cell at
// the end, which reads as a blank line but forbids the cut.
func TestParseOnTwoCoresAsInOne(t *testing.T) {
	p := mustParser(t)
	const n = 20_000
	tests := []struct {
		name string
		bad  func(i int) string
	}{
		{"clean", func(int) string { return "" }},
		{"errors in both halves", func(i int) string {
			switch i {
			case 10, n - 10:
				return "XYZ,2020,received,,1"
			case n / 2, n - 3:
				return "FIN,2020,received,,many"
			}
			return ""
		}},
		{"duplicate across the halves", func(i int) string {
			if i == n-5 {
				return "BOSA,2000,received,,1"
			}
			return ""
		}},
		{"more problems than listed, in the second half", func(i int) string {
			if i > n/2+100 && i%50 == 0 {
				return "FIN,2020,received,,-1"
			}
			return ""
		}},
		{"totals row at the end", func(i int) string {
			if i == n-1 {
				return "Total,,,,"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := longCSV(p, n, tt.bad)
			if len(text) < minSplitBytes {
				t.Fatalf("%d bytes: too short to be cut", len(text))
			}
			two := p.Parse("f.csv", []byte(text), Options{})
			one := p.Parse("f.csv", []byte(text+"\"\"\n"), Options{})
			if len(two.Observations) == 0 {
				t.Fatal("no values")
			}
			if !reflect.DeepEqual(two.Observations, one.Observations) || !reflect.DeepEqual(two.Places, one.Places) {
				t.Errorf("values differ: %d in two halves, %d in one pass", len(two.Observations), len(one.Observations))
			}
			if !reflect.DeepEqual(two.Problems, one.Problems) || two.ProblemCount != one.ProblemCount ||
				!reflect.DeepEqual(two.ProblemCounts, one.ProblemCounts) {
				t.Errorf("problems differ:\ntwo halves %d %v %v\none pass   %d %v %v", two.ProblemCount, two.ProblemCounts, two.Problems,
					one.ProblemCount, one.ProblemCounts, one.Problems)
			}
		})
	}
}
