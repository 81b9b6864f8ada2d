package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/store"
)

// TestParams: each parser gives the value, or a 400 for a malformed value
// and a 404 for one naming nothing.
func TestParams(t *testing.T) {
	srv, _ := newTestServer(t)
	p := params{ref: srv.ref()}
	group := groups(p.ref)[0]
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
		{"year", func() (any, error) { return p.year("year", "2024") }, 2024, ""},
		{"year, spaces around", func() (any, error) { return p.year("year", " 2024 ") }, 2024, ""},
		{"year, the first", func() (any, error) { return p.year("year", "2000") }, 2000, ""},
		{"year, the last", func() (any, error) { return p.year("year", "2100") }, 2100, ""},
		{"year before the first", func() (any, error) { return p.year("year", "1999") }, 0, domain.EINVALID},
		{"year after the last", func() (any, error) { return p.year("year", "2101") }, 0, domain.EINVALID},
		{"year, a typo", func() (any, error) { return p.year("year", "20224") }, 0, domain.EINVALID},
		{"year, not a number", func() (any, error) { return p.year("year", "abc") }, 0, domain.EINVALID},
		{"year, empty", func() (any, error) { return p.year("year", "") }, 0, domain.EINVALID},
		{"year or fallback, empty", func() (any, error) { return p.yearOr("year", "", 2023) }, 2023, ""},
		{"year or fallback, bad", func() (any, error) { return p.yearOr("year", "20", 2023) }, 0, domain.EINVALID},
		{"year or every, empty", func() (any, error) { return p.yearOrEvery("year", "") }, 0, ""},
		{"year or every, 0", func() (any, error) { return p.yearOrEvery("year", "0") }, 0, ""},
		{"year or every", func() (any, error) { return p.yearOrEvery("year", "2024") }, 2024, ""},
		{"year or every, bad", func() (any, error) { return p.yearOrEvery("year", "1") }, 0, domain.EINVALID},
		{"years", func() (any, error) { return p.years("year", []string{"2022", "2024"}) }, []int{2022, 2024}, ""},
		{"years, one bad", func() (any, error) { return p.years("year", []string{"2022", "x"}) }, []int(nil), domain.EINVALID},
		{"published year, absent", func() (any, error) { return p.publishedYear(q(""), published) }, 2024, ""},
		{"published year, none published", func() (any, error) { return p.publishedYear(q(""), nil) }, 0, ""},
		{"published year", func() (any, error) { return p.publishedYear(q("year=2023"), published) }, 2023, ""},
		{"published year, unpublished", func() (any, error) { return p.publishedYear(q("year=2001"), published) }, 0, domain.ENOTFOUND},
		{"published year, out of bounds", func() (any, error) { return p.publishedYear(q("year=1990"), published) }, 0, domain.EINVALID},
		{"range, default", func() (any, error) { return pair(p.yearRange(q(""), 2025, 5, 40)) }, [2]int{2021, 2025}, ""},
		{"range, to only", func() (any, error) { return pair(p.yearRange(q("to=2024"), 2025, 5, 40)) }, [2]int{2020, 2024}, ""},
		{"range", func() (any, error) { return pair(p.yearRange(q("from=2022&to=2024"), 2025, 5, 40)) }, [2]int{2022, 2024}, ""},
		{"range backwards", func() (any, error) { return pair(p.yearRange(q("from=2024&to=2020"), 2025, 5, 40)) }, [2]int{0, 0}, domain.EINVALID},
		{"range too long", func() (any, error) { return pair(p.yearRange(q("from=2000&to=2024"), 2025, 5, 10)) }, [2]int{0, 0}, domain.EINVALID},
		{"range, bad from", func() (any, error) { return pair(p.yearRange(q("from=1900"), 2025, 5, 40)) }, [2]int{0, 0}, domain.EINVALID},
		{"group, none", func() (any, error) { return p.group("") }, "", ""},
		{"group", func() (any, error) { return p.group(group) }, group, ""},
		{"group, unknown", func() (any, error) { return p.group("nope") }, "", domain.ENOTFOUND},
		{"organisation", func() (any, error) { return p.organisation("FIN") }, "FIN", ""},
		{"organisation, unknown", func() (any, error) { return p.organisation("NOPE") }, "", domain.ENOTFOUND},
		{"organisations", func() (any, error) { return p.organisations([]string{"FIN", "JUST"}) }, []string{"FIN", "JUST"}, ""},
		{"organisations, one unknown", func() (any, error) { return p.organisations([]string{"FIN", "NOPE"}) }, []string(nil), domain.ENOTFOUND},
		{"indicators", func() (any, error) { return p.indicators([]string{"received"}) }, []string{"received"}, ""},
		{"indicators, unknown", func() (any, error) { return p.indicators([]string{"nope"}) }, []string(nil), domain.ENOTFOUND},
		{"measure, default", func() (any, error) { m, err := p.measure(q("")); return m.Code, err }, "received", ""},
		{"measure, unknown", func() (any, error) { m, err := p.measure(q("indicator=nope")); return m.Code, err }, "", domain.ENOTFOUND},
		{"scope", func() (any, error) { return p.scope(q("group=" + group)) }, store.Scope{Group: group}, ""},
		{"scope, unknown organisation", func() (any, error) { return p.scope(q("organisation=NOPE")) }, store.Scope{}, domain.ENOTFOUND},
		{"choice, empty allowed", func() (any, error) { return paramChoice("status", "", "", "a", "b") }, "", ""},
		{"choice", func() (any, error) { return paramChoice("status", "b", "", "a", "b") }, "b", ""},
		{"choice, empty refused", func() (any, error) { return paramChoice("view", "", "a", "b") }, "", domain.EINVALID},
		{"choice, other", func() (any, error) { return paramChoice("status", "c", "", "a", "b") }, "", domain.EINVALID},
		{"id", func() (any, error) { return paramID("id", "12") }, int64(12), ""},
		{"id, zero", func() (any, error) { return paramID("id", "0") }, int64(0), domain.EINVALID},
		{"id, negative", func() (any, error) { return paramID("id", "-3") }, int64(0), domain.EINVALID},
		{"id, not a number", func() (any, error) { return paramID("id", "x1") }, int64(0), domain.EINVALID},
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
	_, err := p.year("to", "1999")
	if got, want := err.Error(), `invalid: to=“1999” is not a year from 2000 to 2100`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// TestSameBadYearEverywhere: every page and API call that takes a year
// answers the same 400 with the same message for the same bad year.
func TestSameBadYearEverywhere(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	agency := signIn(t, st, newAccount(t, st, "agency@example.be", auth.RoleAgency, "FIN", false))
	for _, bad := range []string{"1999", "2101", "abc", "20x4"} {
		for _, tc := range []struct {
			u      *user
			target string // %s is the bad year
			name   string // of the parameter
		}{
			{nil, "/?year=%s", "year"},
			{nil, "/compare?year=%s", "year"},
			{nil, "/scorecard?year=%s", "year"},
			{nil, "/scorecard.xlsx?year=%s", "year"},
			{nil, "/reports/network?year=%s", "year"},
			{nil, "/reports/network.xlsx?year=%s", "year"},
			{nil, "/reports/organisations/FIN?year=%s", "year"},
			{nil, "/criteria?year=%s", "year"},
			{nil, "/criteria.xlsx?year=%s", "year"},
			{nil, "/api/v1/observations?year=%s", "year"},
			{nil, "/api/v1/rates?rate=founded_share&year=%s", "year"},
			{agency, "/criteria/assessment?year=%s", "year"},
			{agency, "/api/v1/rounds/%s", "year"},
			{coord, "/rounds/%s", "year"},
			{coord, "/review/completeness?from=%s&to=2024", "from"},
			{coord, "/review/completeness?to=%s", "to"},
			{coord, "/review/completeness.xlsx?to=%s", "to"},
		} {
			target := fmt.Sprintf(tc.target, url.QueryEscape(bad)) + "&lang=en"
			if !strings.Contains(target, "?") {
				target = strings.Replace(target, "&", "?", 1)
			}
			t.Run(bad+" "+target, func(t *testing.T) {
				rec := tc.u.do(t, h, request{method: http.MethodGet, target: target})
				if rec.Code != http.StatusBadRequest {
					t.Fatalf("status %d, want 400", rec.Code)
				}
				want := domain.Errorf(domain.EINVALID, "error.param_year", tc.name, bad, domain.FirstYear, domain.LastYear).Text(locale.NewPrinter("en"))
				if !strings.Contains(want, bad) || !strings.Contains(want, "2100") {
					t.Fatalf("the expected message %q lacks the year or the bounds", want)
				}
				if strings.HasPrefix(target, "/api/") {
					var body struct{ Message string }
					if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Message != want {
						t.Errorf("message %q (%v), want %q", body.Message, err, want)
					}
				} else if !strings.Contains(rec.Body.String(), template.HTMLEscapeString(want)) {
					t.Errorf("the page does not say %q:\n%s", want, rec.Body.String())
				}
			})
		}
	}
}
