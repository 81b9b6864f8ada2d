package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
)

// TestMeasureParam: ?indicator= is a measure of the pages, received by
// default; an unknown one is not found.
func TestMeasureParam(t *testing.T) {
	srv, _ := newTestServer(t)
	for raw, want := range map[string]string{"": "received", "indicator=received": "received", "indicator=nope": ""} {
		q, err := url.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		m, err := measureParam(srv.ref(), q)
		var de *domain.Error
		if m.Code != want || (want == "") != (errors.As(err, &de) && de.Code == domain.ENOTFOUND) {
			t.Errorf("%q: measure %q, error %v; want %q", raw, m.Code, err, want)
		}
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
