package reference

import (
	"slices"
	"testing"
)

// TestMustReport is the one statement of who must report for a year: an
// administration active in it and, for a group, a member of that group in
// that year.
func TestMustReport(t *testing.T) {
	orgs := []Organisation{
		{Code: "FIN", FirstYear: 2015, Groups: []Membership{{FromYear: 2015, Group: "fps"}}},
		{Code: "OLD", FirstYear: 2015, LastYear: 2020, Groups: []Membership{{FromYear: 2015, Group: "fps"}}},
		{Code: "NEW", FirstYear: 2021, Groups: []Membership{{FromYear: 2021, Group: "fps"}}},
		{Code: "MOVED", FirstYear: 2015, Groups: []Membership{{FromYear: 2015, Group: "other"}, {FromYear: 2019, Group: "fps"}}},
	}
	for _, c := range []struct {
		name  string
		year  int
		group string
		want  []string
	}{
		{"before anyone started", 2010, "", nil},
		{"the network, with one that ends later", 2018, "", []string{"FIN", "OLD", "MOVED"}},
		{"the last year of one that ends", 2020, "", []string{"FIN", "OLD", "MOVED"}},
		{"after it ended, its successor", 2021, "", []string{"FIN", "NEW", "MOVED"}},
		{"a group before one joined it", 2018, "fps", []string{"FIN", "OLD"}},
		{"a group after one joined it", 2019, "fps", []string{"FIN", "OLD", "MOVED"}},
		{"the group one left", 2019, "other", nil},
		{"an unknown group", 2021, "nope", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, o := range MustReport(orgs, c.year, c.group) {
				got = append(got, o.Code)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("MustReport(%d, %q) = %v, want %v", c.year, c.group, got, c.want)
			}
		})
	}
}
