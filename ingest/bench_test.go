package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseLongCSV100k parses a 100,000-row long CSV: the importer's
// share of BenchmarkImportCSV100k without the database.
func BenchmarkParseLongCSV100k(b *testing.B) {
	p := mustParser(b)
	var sb strings.Builder
	sb.WriteString("organisation,year,indicator,breakdown,value\n")
	orgs := p.ref.OrganisationCodes()
	n := 0
	for year := minYear; n < 100_000; year++ {
		for _, org := range orgs {
			for _, in := range p.ref.Indicators {
				if in.Breakdown != "" {
					for _, v := range p.ref.BreakdownValuesOf(in.Breakdown) {
						fmt.Fprintf(&sb, "%s,%d,%s,%s,%d\n", org, year, in.Code, v.Code, n%97)
						n++
					}
					continue
				}
				fmt.Fprintf(&sb, "%s,%d,%s,,%d\n", org, year, in.Code, n%13)
				n++
			}
		}
	}
	data := []byte(sb.String())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := p.Parse("bench.csv", data, Options{})
		if !res.Accepted() || len(res.Observations) != n {
			b.Fatalf("accepted %v, %d observations, want %d: %v", res.Accepted(), len(res.Observations), n, res.Problems[:min(3, len(res.Problems))])
		}
	}
	b.ReportMetric(float64(n), "rows")
}
