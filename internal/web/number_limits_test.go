package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestRoundThresholdNumbers: a change threshold that is not a decimal
// number (NaN, Inf, a hexadecimal float) or out of range is refused and
// stores nothing; the year's round can still be opened and read.
func TestRoundThresholdNumbers(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	api := withToken(t, st, coord.acct)
	for _, raw := range []string{"NaN", "Inf", "-Inf", "0x1p10", "1e3", "100000"} {
		rec := coord.do(t, h, request{method: http.MethodPost, target: "/rounds?lang=en", form: url.Values{
			"year": {"2026"}, "deadline": {"2027-03-31"}, "change_threshold": {raw}}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `role="alert"`) {
			t.Errorf("change_threshold=%s: %d", raw, rec.Code)
		}
		if _, err := st.Round(context.Background(), 2026); err == nil {
			t.Fatalf("change_threshold=%s: the round was stored", raw)
		}
	}
	for _, body := range []string{
		`{"year":2026,"deadline":"2027-03-31","change_threshold":1e308}`,
		`{"year":2026,"deadline":"2027-03-31","z_threshold":-1}`,
		`{"year":2026,"deadline":"2027-03-31","change_threshold":"NaN"}`,
	} {
		if rec := api.do(t, h, request{method: http.MethodPost, target: "/api/v1/rounds", json: body}); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d %.200s", body, rec.Code, rec.Body)
		}
	}
	rec := coord.do(t, h, request{method: http.MethodPost, target: "/rounds", form: url.Values{
		"year": {"2026"}, "deadline": {"2027-03-31"}, "change_threshold": {"37,5"}}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("a good round: %d %.300s", rec.Code, rec.Body)
	}
	if rec := api.do(t, h, request{method: http.MethodGet, target: "/api/v1/rounds/2026"}); rec.Code != http.StatusOK ||
		!strings.Contains(rec.Body.String(), `"change_threshold":0.375`) {
		t.Errorf("GET the round: %d %.300s", rec.Code, rec.Body)
	}
}

// TestFairSettingNumbers: the fair settings take only numbers in their
// documented ranges, change only the fields given, and a refused change of
// an administration leaves its unit and terms as they were (N6, N8, N9).
func TestFairSettingNumbers(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	api := withToken(t, st, coord.acct)
	settings := func() string { return get(t, h, "/api/v1/fair").Body.String() }
	before := settings()

	if rec := api.do(t, h, request{method: http.MethodPut, target: "/api/v1/fair/thresholds", json: `{}`}); rec.Code != http.StatusOK {
		t.Fatalf("{}: %d %.300s", rec.Code, rec.Body)
	}
	if after := settings(); after != before {
		t.Errorf("{} changed the settings:\n%s\n%s", before, after)
	}
	bad := []struct{ target, body, want string }{
		{"/api/v1/fair/thresholds", `{"small_n":10.5}`, "the small-number threshold must be a whole number"},
		{"/api/v1/fair/thresholds", `{"small_n":1e20}`, "the small-number threshold must lie between 0 and 1000"},
		{"/api/v1/fair/thresholds", `{"band_received":{"large":-1}}`, "between 0 and 1000000000000"},
		{"/api/v1/fair/targets/founded_share", `{"direction":"at_most","value":150,"margin":0}`, "the target must lie between 0 and 100"},
		{"/api/v1/fair/targets/complaints_per_1000", `{"direction":"at_most","value":1e308,"margin":0}`, "the target must lie between 0 and 1000"},
		{"/api/v1/fair/targets/founded_share", `{"direction":"at_most","value":50,"margin":1e300}`, "the margin must lie between 0 and 100"},
		{"/api/v1/fair/organisations/BOSA", `{"activity_unit":"files","ack_days":100000000,"answer_days":30}`, "between 0 and 365"},
		{"/api/v1/fair/organisations/BOSA", `{"activity_unit":"decisions","ack_days":-5,"answer_days":30}`, "the term for the acknowledgement of receipt must lie between 0 and 365"},
	}
	for _, c := range bad {
		rec := api.do(t, h, request{method: http.MethodPut, target: c.target + "?lang=en", json: c.body})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s: %d %.300s", c.target, c.body, rec.Code, rec.Body)
		}
	}
	// N8: the unit of the refused change (ack_days -5) did not land.
	if fs, err := st.FairSettings(context.Background()); err != nil || fs.Units["BOSA"] == "decisions" {
		t.Errorf("a refused change set BOSA's unit: %v %v", fs.Units, err)
	}
	for _, raw := range []string{"NaN", "Inf", "0x1p10", "1e3", "10.5"} {
		rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/fair/thresholds?lang=en", form: url.Values{"small_n": {raw}}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="refused"`) {
			t.Errorf("form small_n=%s: %d", raw, rec.Code)
		}
	}
	if after := settings(); after != before {
		t.Errorf("refused changes changed the settings:\n%s\n%s", before, after)
	}
	terms, err := st.TermsOf(context.Background(), "BOSA")
	if err != nil || terms.AckDays < 0 || terms.AckDays > 365 {
		t.Errorf("BOSA's terms %+v %v", terms, err)
	}

	// A partial change: only the small-n threshold moves.
	if rec := api.do(t, h, request{method: http.MethodPut, target: "/api/v1/fair/thresholds", json: `{"small_n":8}`}); rec.Code != http.StatusOK ||
		!strings.Contains(rec.Body.String(), `"small_n":8`) || !strings.Contains(rec.Body.String(), `"band_received":{"medium":50,"large":500}`) {
		t.Errorf("small_n 8: %d %.400s", rec.Code, rec.Body)
	}
}
