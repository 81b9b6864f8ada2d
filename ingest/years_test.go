package ingest

import (
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// TestYearsOfTheDomain: a file may bring only the years a request may ask
// for (domain.FirstYear–domain.LastYear); 1999, in a year column or as a
// year header, is refused with its place (it used to be published and then
// could not be asked for).
func TestYearsOfTheDomain(t *testing.T) {
	cases := []struct {
		name, file, data string
		row, column      int
	}{
		{"long layout", "fin.csv", "Organisation;Year;Indicator;Value\nFIN;2000;received;13\nFIN;1999;received;12\n", 3, 2},
		{"long layout, 2101", "fin.csv", "Organisation;Year;Indicator;Value\nFIN;2101;received;12\n", 2, 2},
		{"year headers", "FOD Financiën.csv", "Indicator;1999;2000\nreceived;12;13\n", 1, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustParser(t).Parse(c.file, []byte(c.data), Options{})
			if res.Accepted() {
				t.Fatalf("accepted: %v", res.Observations)
			}
			var found bool
			for _, p := range res.Problems {
				if p.Code == "year_out_of_range" {
					found = true
					if p.Place.Row != c.row || p.Place.Column != c.column || p.Args["min"] != "2000" || p.Args["max"] != "2100" {
						t.Errorf("problem %+v, want row %d column %d, 2000–2100", p, c.row, c.column)
					}
				}
			}
			if !found {
				t.Errorf("no year_out_of_range among %v", res.Problems)
			}
		})
	}
	ok := mustParser(t).Parse("fin.csv", []byte("Organisation;Year;Indicator;Value\nFIN;2000;received;13\nFIN;2100;received;12\n"), Options{})
	if !ok.Accepted() || len(ok.Observations) != 2 || ok.Observations[0].Year != domain.FirstYear {
		t.Errorf("2000 and 2100: accepted %v, %v, %v", ok.Accepted(), ok.Observations, ok.Problems)
	}
}
