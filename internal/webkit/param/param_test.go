package param

import (
	"errors"
	"net/url"
	"reflect"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestParams: each parser gives the value, or a 400 for a malformed value
// and a 404 for one naming nothing.
func TestParams(t *testing.T) {
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := New(ref)
	group := ref.Groups[0].Code
	published := []int{2022, 2023, 2024}
	q := func(s string) url.Values {
		v, err := url.ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	pair := func(a, b int, err error) (any, error) { return [2]int{a, b}, err }
	for _, tc := range []struct {
		name  string
		parse func() (any, error)
		want  any
		code  string // of the error; empty when none is expected
	}{
		{"year", func() (any, error) { return p.Year("year", "2024") }, 2024, ""},
		{"year, spaces around", func() (any, error) { return p.Year("year", " 2024 ") }, 2024, ""},
		{"year, the first", func() (any, error) { return p.Year("year", "2000") }, 2000, ""},
		{"year, the last", func() (any, error) { return p.Year("year", "2100") }, 2100, ""},
		{"year before the first", func() (any, error) { return p.Year("year", "1999") }, 0, domain.EINVALID},
		{"year after the last", func() (any, error) { return p.Year("year", "2101") }, 0, domain.EINVALID},
		{"year, a typo", func() (any, error) { return p.Year("year", "20224") }, 0, domain.EINVALID},
		{"year, not a number", func() (any, error) { return p.Year("year", "abc") }, 0, domain.EINVALID},
		{"year, empty", func() (any, error) { return p.Year("year", "") }, 0, domain.EINVALID},
		{"year or fallback, empty", func() (any, error) { return p.YearOr("year", "", 2023) }, 2023, ""},
		{"year or fallback, bad", func() (any, error) { return p.YearOr("year", "20", 2023) }, 0, domain.EINVALID},
		{"year or every, empty", func() (any, error) { return p.YearOrEvery("year", "") }, 0, ""},
		{"year or every, 0", func() (any, error) { return p.YearOrEvery("year", "0") }, 0, ""},
		{"year or every", func() (any, error) { return p.YearOrEvery("year", "2024") }, 2024, ""},
		{"year or every, bad", func() (any, error) { return p.YearOrEvery("year", "1") }, 0, domain.EINVALID},
		{"years", func() (any, error) { return p.Years("year", []string{"2022", "2024"}) }, []int{2022, 2024}, ""},
		{"years, one bad", func() (any, error) { return p.Years("year", []string{"2022", "x"}) }, []int(nil), domain.EINVALID},
		{"published year, absent", func() (any, error) { return p.PublishedYear(q(""), published) }, 2024, ""},
		{"published year, none published", func() (any, error) { return p.PublishedYear(q(""), nil) }, 0, ""},
		{"published year", func() (any, error) { return p.PublishedYear(q("year=2023"), published) }, 2023, ""},
		{"published year, unpublished", func() (any, error) { return p.PublishedYear(q("year=2001"), published) }, 0, domain.ENOTFOUND},
		{"published year, out of bounds", func() (any, error) { return p.PublishedYear(q("year=1990"), published) }, 0, domain.EINVALID},
		{"range, default", func() (any, error) { return pair(p.YearRange(q(""), 2025, 5, 40)) }, [2]int{2021, 2025}, ""},
		{"range, to only", func() (any, error) { return pair(p.YearRange(q("to=2024"), 2025, 5, 40)) }, [2]int{2020, 2024}, ""},
		{"range", func() (any, error) { return pair(p.YearRange(q("from=2022&to=2024"), 2025, 5, 40)) }, [2]int{2022, 2024}, ""},
		{"range backwards", func() (any, error) { return pair(p.YearRange(q("from=2024&to=2020"), 2025, 5, 40)) }, [2]int{0, 0}, domain.EINVALID},
		{"range too long", func() (any, error) { return pair(p.YearRange(q("from=2000&to=2024"), 2025, 5, 10)) }, [2]int{0, 0}, domain.EINVALID},
		{"range, bad from", func() (any, error) { return pair(p.YearRange(q("from=1900"), 2025, 5, 40)) }, [2]int{0, 0}, domain.EINVALID},
		{"group, none", func() (any, error) { return p.Group("") }, "", ""},
		{"group", func() (any, error) { return p.Group(group) }, group, ""},
		{"group, unknown", func() (any, error) { return p.Group("nope") }, "", domain.ENOTFOUND},
		{"organisation", func() (any, error) { return p.Organisation("FIN") }, "FIN", ""},
		{"organisation, unknown", func() (any, error) { return p.Organisation("NOPE") }, "", domain.ENOTFOUND},
		{"organisations", func() (any, error) { return p.Organisations([]string{"FIN", "JUST"}) }, []string{"FIN", "JUST"}, ""},
		{"organisations, one unknown", func() (any, error) { return p.Organisations([]string{"FIN", "NOPE"}) }, []string(nil), domain.ENOTFOUND},
		{"indicators", func() (any, error) { return p.Indicators([]string{"received"}) }, []string{"received"}, ""},
		{"indicators, unknown", func() (any, error) { return p.Indicators([]string{"nope"}) }, []string(nil), domain.ENOTFOUND},
		{"scope", func() (any, error) { return p.Scope(q("group=" + group)) }, store.Scope{Group: group}, ""},
		{"scope, unknown organisation", func() (any, error) { return p.Scope(q("organisation=NOPE")) }, store.Scope{}, domain.ENOTFOUND},
		{"choice, empty allowed", func() (any, error) { return Choice("status", "", "", "a", "b") }, "", ""},
		{"choice", func() (any, error) { return Choice("status", "b", "", "a", "b") }, "b", ""},
		{"choice, empty refused", func() (any, error) { return Choice("view", "", "a", "b") }, "", domain.EINVALID},
		{"choice, other", func() (any, error) { return Choice("status", "c", "", "a", "b") }, "", domain.EINVALID},
		{"id", func() (any, error) { return ID("id", "12") }, int64(12), ""},
		{"id, zero", func() (any, error) { return ID("id", "0") }, int64(0), domain.EINVALID},
		{"id, negative", func() (any, error) { return ID("id", "-3") }, int64(0), domain.EINVALID},
		{"id, not a number", func() (any, error) { return ID("id", "x1") }, int64(0), domain.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.parse()
			var de *domain.Error
			switch {
			case tc.code == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.code != "" && (!errors.As(err, &de) || de.Code != tc.code):
				t.Fatalf("error %v, want %s", err, tc.code)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
	// The message names the parameter, the value and the bounds.
	_, err = p.Year("to", "1999")
	if got, want := err.Error(), `invalid: to=“1999” is not a year from 2000 to 2100`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}
