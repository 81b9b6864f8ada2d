package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestFairAdmin: the coordinator changes the thresholds, a target, a unit
// and the terms in the browser (with CSRF) and by API; the public answers
// follow at once; a bad value is refused with its reason and changes
// nothing; the audit log names every change.
func TestFairAdmin(t *testing.T) {
	srv, st := newTestServer(t)
	importApproved(t, st, "bosa.csv", smallAdministration(t))
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))

	page := coord.do(t, h, request{method: http.MethodGet, target: "/admin/fair?lang=en"})
	if page.Code != 200 || !strings.Contains(page.Body.String(), `id="small_n" name="small_n" type="number" min="0" step="any" value="10"`) {
		t.Fatalf("admin page %d: %.300s", page.Code, page.Body)
	}
	// Without its CSRF token the form is refused.
	if rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/fair/thresholds", noCSRF: true,
		form: url.Values{"small_n": {"5"}}}); rec.Code != http.StatusForbidden {
		t.Errorf("without CSRF: %d", rec.Code)
	}
	// Large below medium: refused, with the reason, nothing changed.
	rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/fair/thresholds?lang=en", form: url.Values{
		"small_n": {"5"}, "volume_medium": {"10000"}, "volume_large": {"100"}, "received_medium": {"50"}, "received_large": {"500"}}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="refused"`) {
		t.Errorf("bad thresholds: %d", rec.Code)
	}
	// Small n down to 8: BOSA's 8 closed complaints now count.
	rec = coord.do(t, h, request{method: http.MethodPost, target: "/admin/fair/thresholds", form: url.Values{
		"small_n": {"8"}, "volume_medium": {"10000"}, "volume_large": {"100000"}, "received_medium": {"50"}, "received_large": {"500"}}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("thresholds: %d %.300s", rec.Code, rec.Body)
	}
	rates := func() []map[string]any {
		var out []map[string]any
		if err := json.Unmarshal(get(t, h, "/api/v1/rates?year=2024&rate=closed_on_time_share&organisation=BOSA").Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := rates(); len(got) != 1 || got[0]["small_n"] != false || got[0]["target_state"] != "met" {
		t.Errorf("after small n 8: %v", got)
	}
	// A 2024 target of at most 50 % closed on time (absurd, but a test): BOSA's 100 % misses it.
	rec = coord.do(t, h, request{method: http.MethodPost, target: "/admin/fair/targets", form: url.Values{
		"rate": {"closed_on_time_share"}, "year": {"2024"}, "direction": {"at_most"}, "value": {"50"}, "margin": {"0"}}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("target: %d", rec.Code)
	}
	if got := rates(); got[0]["target_state"] != "missed" {
		t.Errorf("after the 2024 target: %v", got)
	}
	// By API: remove it again; the general target (at least 95) holds.
	api := withToken(t, st, coord.acct)
	if rec := api.do(t, h, request{method: http.MethodDelete, target: "/api/v1/fair/targets/closed_on_time_share/2024"}); rec.Code != 200 {
		t.Fatalf("delete target: %d %s", rec.Code, rec.Body)
	}
	if got := rates(); got[0]["target_state"] != "met" {
		t.Errorf("after deleting the 2024 target: %v", got)
	}
	// Unit and terms of an administration, in the browser.
	rec = coord.do(t, h, request{method: http.MethodPost, target: "/admin/fair/organisations/FIN", form: url.Values{
		"unit": {"decisions"}, "ack_days": {"5"}, "answer_days": {"15"}, "working_days": {"1"}}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("organisation: %d %s", rec.Code, rec.Body)
	}
	terms, err := st.TermsOf(context.Background(), "FIN")
	if err != nil || !terms.WorkingDays || terms.AnswerDays != 15 {
		t.Errorf("FIN terms %+v %v", terms, err)
	}
	var settings map[string]any
	json.Unmarshal(get(t, h, "/api/v1/fair").Body.Bytes(), &settings)
	if units, _ := settings["activity_units"].(map[string]any); units["FIN"] != "decisions" || settings["small_n"] != 8.0 {
		t.Errorf("settings %v", settings)
	}
	if rec := api.do(t, h, request{method: http.MethodPut, target: "/api/v1/fair/organisations/FIN", json: `{"activity_unit":"kilos","ack_days":5,"answer_days":30}`}); rec.Code != http.StatusBadRequest && rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("an unknown unit by API: %d", rec.Code)
	}
	entries, err := st.AuditLog(context.Background(), "", "", 100)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, e := range entries {
		actions[e.Action] = true
	}
	for _, a := range []string{"fair_thresholds", "fair_target_set", "fair_target_delete", "fair_unit_set", "fair_terms_set"} {
		if !actions[a] {
			t.Errorf("no audit entry %s", a)
		}
	}
}
