package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
	"github.com/fcmn/infocentre/internal/store"
)

// formOf answers the 14 criteria in a posted form: met for the first met
// ones, partly for the next partly, not met for the rest.
func formOf(year, action string, met, partly int) url.Values {
	f := url.Values{"year": {year}, "action": {action}}
	for n := 1; n <= domain.CriteriaCount; n++ {
		state := domain.StateNotMet
		switch {
		case n <= met:
			state = domain.StateMet
		case n <= met+partly:
			state = domain.StatePartly
		}
		f.Set(fmt.Sprintf("state-%d", n), state)
		f.Set(fmt.Sprintf("comment-%d", n), fmt.Sprintf("comment %d", n))
	}
	return f
}

func wantStatus(t *testing.T, rec interface{ Result() *http.Response }, want int, what string) string {
	t.Helper()
	res := rec.Result()
	var body bytes.Buffer
	body.ReadFrom(res.Body)
	if res.StatusCode != want {
		t.Fatalf("%s: status %d, want %d\n%.400s", what, res.StatusCode, want, body.String())
	}
	return body.String()
}

// TestCriteriaWorkflow goes through the pages as the agency and the
// coordinator, and checks that the matrix, the profile, the published
// criteria_met and the audit log agree.
func TestCriteriaWorkflow(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	agency := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	// FIN's yearly file said 14 criteria met.
	importApproved(t, st, "fin-criteria.csv", []domain.Observation{{Organisation: "FIN", Year: 2024, Indicator: "criteria_met", Value: 14}})

	// The agency saves a partial draft, then tries to submit it incomplete.
	draft := url.Values{"year": {"2024"}, "action": {"save"}, "state-1": {"met"}, "evidence-1": {"https://fin.example/klachten"}}
	wantStatus(t, agency.do(t, h, request{method: "POST", target: "/criteria/assessment", form: draft}), 303, "save draft")
	incomplete := url.Values{"year": {"2024"}, "action": {"submit"}, "state-1": {"met"}, "comment-2": {"kept when refused"}}
	body := wantStatus(t, agency.do(t, h, request{method: "POST", target: "/criteria/assessment", form: incomplete}), 400, "submit incomplete")
	if !strings.Contains(body, "missing") || !strings.Contains(body, "kept when refused") {
		t.Errorf("the refused form does not say what is missing or lost what was typed")
	}
	body = wantStatus(t, agency.do(t, h, request{method: "GET", target: "/criteria/assessment?year=2024&lang=en"}), 200, "form")
	if form := htmltest.Parse(t, body); !form.Has(`[value="https://fin.example/klachten"]`) || !strings.Contains(form.Text(), "Draft") {
		t.Errorf("the form does not show the saved draft")
	}

	// Public: nothing before validation.
	wantStatus(t, agency.do(t, h, request{method: "POST", target: "/criteria/assessment", form: formOf("2024", "submit", 11, 2)}), 303, "submit")
	body = wantStatus(t, anonymous().do(t, h, request{method: "GET", target: "/criteria?year=2024&lang=en"}), 200, "matrix before validation")
	if row := htmltest.Parse(t, body).Find("tr[data-org=FIN]"); len(row.All("td.not-assessed")) != 1 || len(row.All(".state-met")) != 0 {
		t.Errorf("the public matrix shows a submitted assessment:\n%s", row)
	}

	inbox := wantStatus(t, coord.do(t, h, request{method: "GET", target: "/criteria/review?lang=en"}), 200, "inbox")
	a, err := st.Assessment(ctx, "FIN", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if !htmltest.Parse(t, inbox).Has(fmt.Sprintf("a[href=/criteria/review/%d]", a.ID)) {
		t.Fatalf("the inbox does not list FIN's assessment")
	}
	// Return, correct, resubmit, validate.
	wantStatus(t, coord.do(t, h, request{method: "POST", target: fmt.Sprintf("/criteria/review/%d/return", a.ID), form: url.Values{"comment": {"Criterion 12?"}}}), 303, "return")
	body = wantStatus(t, agency.do(t, h, request{method: "GET", target: "/criteria/assessment?year=2024&lang=en"}), 200, "returned form")
	if !strings.Contains(body, "Criterion 12?") || !strings.Contains(body, "Returned") {
		t.Errorf("the agency does not see the coordinator's comment")
	}
	wantStatus(t, agency.do(t, h, request{method: "POST", target: "/criteria/assessment", form: formOf("2024", "submit", 12, 1)}), 303, "resubmit")
	wantStatus(t, coord.do(t, h, request{method: "POST", target: fmt.Sprintf("/criteria/review/%d/validate", a.ID)}), 303, "validate")

	// The three views agree: 12 met.
	obs, err := st.Published(ctx, store.Filter{Years: []int{2024}, Organisations: []string{"FIN"}, Indicators: []string{"criteria_met"}})
	if err != nil || len(obs) != 1 || obs[0].Value != 12 {
		t.Fatalf("published criteria_met = %+v, %v; want 12", obs, err)
	}
	body = wantStatus(t, anonymous().do(t, h, request{method: "GET", target: "/criteria?year=2024&group=fps_defence&lang=en"}), 200, "matrix")
	matrix := htmltest.Parse(t, body)
	row := matrix.Find("tr[data-org=FIN]")
	if len(row.All(".state-met")) != 12 || len(row.All(".state-partly")) != 1 || !slices.Equal(row.Texts("td.num.met-count"), []string{"12"}) {
		t.Errorf("FIN's matrix row does not show 12 met and 1 partly:\n%s", row)
	}
	if matrix.Has("[data-org=SFP]") {
		t.Error("the fps_defence matrix lists SFP")
	}
	body = wantStatus(t, anonymous().do(t, h, request{method: "GET", target: "/organisations/FIN?lang=en"}), 200, "profile")
	section := htmltest.Parse(t, body).Find("table#profile-criteria")
	if len(section.All(".state-met")) != 12 || !slices.Contains(section.Texts("td.num"), "12") {
		t.Errorf("the profile does not show the validated assessment:\n%.600s", section)
	}

	// The coordinator sees the upload that said 14.
	inbox = wantStatus(t, coord.do(t, h, request{method: "GET", target: "/criteria/review?lang=en"}), 200, "inbox after")
	flag := htmltest.Parse(t, inbox).Find("table#disagreements")
	if !slices.Equal(flag.Texts("tr[data-org=FIN] td.num"), []string{"14", "12"}) {
		t.Errorf("the disagreement is not flagged:\n%s", flag)
	}

	// Everything was audited.
	entries, err := st.AuditLog(ctx, "", "", 100)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		if strings.HasPrefix(e.Action, "criteria_") {
			actions = append([]string{e.Action}, actions...)
		}
	}
	if got := strings.Join(actions, " "); got != "criteria_save criteria_submit criteria_return criteria_submit criteria_validate" {
		t.Errorf("audited %q", got)
	}
}

func TestCriteriaXLSXIsInert(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	agency := domain.AuditEntry{Actor: "agency@pol.example"}
	answers := allAnswers(14)
	answers[0].Comment = `=HYPERLINK("http://evil.example","x")`
	a, err := st.SubmitAssessment(ctx, agency, "POL", 2024, answers)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.ValidateAssessment(ctx, domain.AuditEntry{Actor: "c@x"}, a.ID, ""); err != nil {
		t.Fatal(err)
	}
	rec := anonymous().do(t, h, request{method: "GET", target: "/criteria.xlsx?year=2024&lang=fr"})
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "criteria_2024.xlsx") {
		t.Fatalf("status %d, disposition %q", rec.Code, rec.Header().Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Réponses")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for r, row := range rows {
		if len(row) > 4 && strings.HasPrefix(row[4], "=HYPERLINK") {
			found = true
			cell, _ := excelize.CoordinatesToCellName(5, r+1)
			if formula, _ := f.GetCellFormula("Réponses", cell); formula != "" {
				t.Errorf("%s is a formula: %q", cell, formula)
			}
			style, _ := f.GetCellStyle("Réponses", cell)
			if st, _ := f.GetStyle(style); st == nil || st.NumFmt != 49 {
				t.Errorf("%s is not formatted as text", cell)
			}
		}
	}
	if !found {
		t.Error("the comment is missing from the sheet Réponses")
	}
	protocol, err := f.GetRows("Protocole")
	if err != nil || len(protocol) != 2 || protocol[1][1] != "POL" || protocol[1][2] != "2024" {
		t.Errorf("Protocol sheet = %v, %v", protocol, err)
	}
	matrix, _ := f.GetRows("Critères")
	if len(matrix) < 2 || !strings.HasPrefix(matrix[0][2], "1. ") || matrix[0][2] == "1. Complaint coordinator appointed" {
		t.Errorf("the header is not in French: %v", matrix[0])
	}
}

func TestMysteryForm(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	tests := []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"answer before sending", url.Values{"organisation": {"FIN"}, "sent_on": {"2025-03-02"}, "channel": {"email"},
			"answer_received": {"on"}, "answer_on": {"2025-01-01"}, "notes": {"typed"}}, 400, "before"},
		{"bad date", url.Values{"organisation": {"FIN"}, "sent_on": {"2 March"}, "channel": {"email"}}, 400, "not a date"},
		{"recorded", url.Values{"organisation": {"FIN"}, "sent_on": {"2025-03-02"}, "channel": {"email"}, "sent_by": {"RSZ"},
			"ack_received": {"on"}, "ack_on": {"2025-03-05"}, "answer_received": {"on"}, "answer_on": {"2025-03-30"}}, 303, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := wantStatus(t, coord.do(t, h, request{method: "POST", target: "/criteria/mystery?lang=en", form: tt.form}), tt.status, tt.name)
			if tt.want != "" && (!strings.Contains(body, tt.want) || !strings.Contains(body, "mystery-form")) {
				t.Errorf("the form is not shown again with %q", tt.want)
			}
		})
	}
	body := wantStatus(t, coord.do(t, h, request{method: "GET", target: "/criteria/mystery?lang=en"}), 200, "list")
	if !strings.Contains(body, "check 2025-03-02: acknowledged in 3 days; answer did not mention the second line") {
		t.Errorf("the list does not summarise the check:\n%.300s", between(body, `<table id="mystery-checks">`, "</table>"))
	}
	body = wantStatus(t, anonymous().do(t, h, request{method: "GET", target: "/organisations/FIN?lang=en"}), 200, "profile")
	if !strings.Contains(body, "acknowledged in 3 days") {
		t.Error("the profile does not show the latest check")
	}
	if checks, _ := st.MysteryChecks(context.Background(), ""); len(checks) != 1 {
		t.Errorf("%d checks stored, want the one accepted", len(checks))
	}
}
