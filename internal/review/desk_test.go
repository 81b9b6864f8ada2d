package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
	"github.com/fcmn/infocentre/internal/textrules"
)

// Who acts in the tests: the coordinator, the analyst, an agency of FIN
// and one of JUST.
var (
	coordinator = Actor{Account: domain.Account{Email: "coord@example.be", Role: auth.RoleCoordinator}, Address: "192.0.2.1"}
	analyst     = Actor{Account: domain.Account{Email: "analyst@example.be", Role: auth.RoleAnalyst}, Address: "192.0.2.2"}
	finAgency   = Actor{Account: domain.Account{Email: "agent@fin.example", Role: auth.RoleAgency, Organisation: "FIN"}, Address: "192.0.2.3"}
	justAgency  = Actor{Account: domain.Account{Email: "agent@just.example", Role: auth.RoleAgency, Organisation: "JUST"}, Address: "192.0.2.4"}
)

// submission stores a submission of org for year in status, as sent by
// an upload (then reviewed by setting its status).
func submission(tb testing.TB, st *store.Store, org string, year int, status string) domain.Submission {
	tb.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("%s_%d_%s.csv", org, year, status)
	sum := sha256.Sum256([]byte(name))
	res, err := st.Import(ctx, store.ImportRequest{FileName: name, SHA256: hex.EncodeToString(sum[:]), Source: "agent@example.be",
		Kind: domain.KindFile, Status: domain.StatusSubmitted,
		Observations: []domain.Observation{{Organisation: org, Year: year, Indicator: "received", Value: 10}}})
	if err != nil || len(res.Created) != 1 {
		tb.Fatalf("import %s: %+v %v", name, res, err)
	}
	sub := res.Created[0]
	if status != domain.StatusSubmitted {
		if sub, err = st.Review(ctx, domain.AuditEntry{Actor: "setup"}, sub, status, "setup"); err != nil {
			tb.Fatal(err)
		}
	}
	return sub
}

func codeOf(err error) string {
	var de *domain.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &de):
		return de.Code
	}
	return "other: " + err.Error()
}

// keyOf is the locale key of a domain error, to tell refusals of the same
// code apart.
func keyOf(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Key
	}
	return ""
}

// auditCount is how many entries of action the log holds.
func auditCount(tb testing.TB, st *store.Store, action string) int {
	tb.Helper()
	log, err := st.AuditLog(context.Background(), "", action, 1000)
	if err != nil {
		tb.Fatal(err)
	}
	return len(log)
}

// checkOutcome asserts an allowed change wrote exactly one entry of action,
// by its actor from its address, and a refused one none, with the error's
// code and key.
func checkOutcome(t *testing.T, st *store.Store, by Actor, action string, before int, err error, wantCode, wantKey string) {
	t.Helper()
	if got := codeOf(err); got != wantCode || (wantKey != "" && keyOf(err) != wantKey) {
		t.Fatalf("err = %v (%s %s), want %q %s", err, got, keyOf(err), wantCode, wantKey)
	}
	after := auditCount(t, st, action)
	switch {
	case wantCode == "" && after != before+1:
		t.Errorf("%d new %s entries, want 1", after-before, action)
	case wantCode != "" && after != before:
		t.Errorf("a refused change wrote %d %s entries", after-before, action)
	case wantCode == "":
		log, _ := st.AuditLog(context.Background(), "", action, 1)
		if e := log[0]; e.Actor != by.Account.Email || e.Address != by.Address {
			t.Errorf("entry %+v, want by %s from %s", e, by.Account.Email, by.Address)
		}
	}
}

// TestDecide: who may approve or return a submission, in which status,
// with which comment.
func TestDecide(t *testing.T) {
	st := storetest.Open(t)
	desk := New(st)
	ctx := context.Background()
	tests := []struct {
		name    string
		by      Actor
		status  string // of the submission; "" for one that does not exist
		decide  string
		comment string
		code    string
		key     string
	}{
		{"the coordinator approves", coordinator, domain.StatusSubmitted, domain.StatusApproved, "", "", ""},
		{"the coordinator approves with a comment", coordinator, domain.StatusSubmitted, domain.StatusApproved, "fine", "", ""},
		{"the coordinator returns with a reason", coordinator, domain.StatusSubmitted, domain.StatusReturned, "by_channel missing", "", ""},
		{"a return says why", coordinator, domain.StatusSubmitted, domain.StatusReturned, "  ", domain.EINVALID, "error.return_reason"},
		{"a comment of at most 4000 characters", coordinator, domain.StatusSubmitted, domain.StatusApproved, strings.Repeat("é", textrules.Comment+1), domain.EINVALID, "error.text_too_long"},
		{"a comment without control characters", coordinator, domain.StatusSubmitted, domain.StatusApproved, "ok\x00", domain.EINVALID, "error.text_control"},
		{"no other decision", coordinator, domain.StatusSubmitted, "deleted", "", domain.EINVALID, "error.review_status"},
		{"approved once", coordinator, domain.StatusApproved, domain.StatusApproved, "", domain.ECONFLICT, "error.submission_not_waiting"},
		{"returned is final", coordinator, domain.StatusReturned, domain.StatusApproved, "", domain.ECONFLICT, "error.submission_not_waiting"},
		{"returned twice", coordinator, domain.StatusReturned, domain.StatusReturned, "again", domain.ECONFLICT, "error.submission_not_waiting"},
		{"unknown submission", coordinator, "", domain.StatusApproved, "", domain.ENOTFOUND, ""},
		{"the agency approves its own", finAgency, domain.StatusSubmitted, domain.StatusApproved, "", domain.EFORBIDDEN, "error.submission_coordinator_only"},
		{"an agency returns another's", justAgency, domain.StatusSubmitted, domain.StatusReturned, "no", domain.EFORBIDDEN, "error.submission_coordinator_only"},
		{"the analyst approves", analyst, domain.StatusSubmitted, domain.StatusApproved, "", domain.EFORBIDDEN, "error.submission_coordinator_only"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := int64(99999)
			var sub domain.Submission
			if tt.status != "" {
				sub = submission(t, st, "FIN", 2000+i, tt.status)
				id = sub.ID
			}
			action := map[string]string{domain.StatusApproved: "approve"}[tt.decide]
			if action == "" {
				action = "return"
			}
			before := auditCount(t, st, action)
			got, err := desk.Decide(ctx, tt.by, id, tt.decide, tt.comment)
			checkOutcome(t, st, tt.by, action, before, err, tt.code, tt.key)
			if tt.status == "" {
				return
			}
			stored, _, serr := st.Submission(ctx, id)
			if serr != nil {
				t.Fatal(serr)
			}
			want := tt.status
			if tt.code == "" {
				want = tt.decide
				if got.Status != want || got.Comment != strings.TrimSpace(tt.comment) {
					t.Errorf("returned %+v", got)
				}
			}
			if stored.Status != want {
				t.Errorf("stored status %s, want %s", stored.Status, want)
			}
		})
	}
}

// TestSubmissionSeen: an agency sees its own organisation's submissions
// only; another's does not exist for it.
func TestSubmissionSeen(t *testing.T) {
	st := storetest.Open(t)
	desk := New(st)
	sub := submission(t, st, "FIN", 2024, domain.StatusApproved)
	for _, tt := range []struct {
		by   Actor
		code string
	}{{coordinator, ""}, {analyst, ""}, {finAgency, ""}, {justAgency, domain.ENOTFOUND}} {
		t.Run(tt.by.Account.Email, func(t *testing.T) {
			got, obs, err := desk.Submission(context.Background(), tt.by.Account, sub.ID)
			if codeOf(err) != tt.code {
				t.Fatalf("err = %v, want %q", err, tt.code)
			}
			if tt.code == "" && (got.ID != sub.ID || len(obs) != 1) {
				t.Errorf("got %+v with %d observations", got, len(obs))
			}
		})
	}
}

// TestAddNote: the coordinator asks and the agency answers on a value of a
// submission it may see, whatever its status.
func TestAddNote(t *testing.T) {
	st := storetest.Open(t)
	desk := New(st)
	ctx := context.Background()
	waiting := submission(t, st, "FIN", 2024, domain.StatusSubmitted)
	approved := submission(t, st, "FIN", 2023, domain.StatusApproved)
	tests := []struct {
		name      string
		by        Actor
		sub       domain.Submission
		indicator string
		body      string
		kind      string // of the note written
		code      string
		key       string
	}{
		{"the coordinator asks", coordinator, waiting, "received", "which office?", domain.NoteQuestion, "", ""},
		{"the coordinator asks on an approved one", coordinator, approved, "received", "and now?", domain.NoteQuestion, "", ""},
		{"the agency answers", finAgency, waiting, "received", "  Liège  ", domain.NoteAnswer, "", ""},
		{"another agency", justAgency, waiting, "received", "hello", "", domain.ENOTFOUND, "error.submission_not_found"},
		{"the analyst", analyst, waiting, "received", "hello", "", domain.EFORBIDDEN, "error.note_roles"},
		{"an empty note", coordinator, waiting, "received", " \n ", "", domain.EINVALID, "error.text_empty"},
		{"a note too long", finAgency, waiting, "received", strings.Repeat("x", textrules.Note+1), "", domain.EINVALID, "error.text_too_long"},
		{"a value the submission lacks", coordinator, waiting, "closed", "where?", "", domain.EINVALID, "error.submission_no_value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			action := "note_" + tt.kind
			if tt.kind == "" {
				action = ""
			}
			before := auditCount(t, st, action)
			notesBefore, err := st.ValueNotes(ctx, tt.sub.ID)
			if err != nil {
				t.Fatal(err)
			}
			_, note, err := desk.AddNote(ctx, tt.by, tt.sub.ID, tt.indicator, "", tt.body, time.Now())
			checkOutcome(t, st, tt.by, action, before, err, tt.code, tt.key)
			notes, nerr := st.ValueNotes(ctx, tt.sub.ID)
			if nerr != nil {
				t.Fatal(nerr)
			}
			switch {
			case tt.code != "" && len(notes) != len(notesBefore):
				t.Errorf("a refused note was stored")
			case tt.code == "" && (note.Kind != tt.kind || note.Body != strings.TrimSpace(tt.body) || note.Author != tt.by.Account.Email):
				t.Errorf("stored %+v", note)
			}
		})
	}
}

// answers answers the 14 criteria, the first met ones met.
func answers(met int) []domain.Answer {
	out := make([]domain.Answer, domain.CriteriaCount)
	for i := range out {
		out[i] = domain.Answer{Criterion: i + 1, State: domain.StateNotMet}
		if i < met {
			out[i].State = domain.StateMet
		}
	}
	return out
}

// assessmentIn brings FIN's self-assessment for year to status ("" for
// none) and returns its id (0 for none).
func assessmentIn(tb testing.TB, desk *Desk, year int, status string) int64 {
	tb.Helper()
	ctx := context.Background()
	if status == "" {
		return 0
	}
	a, err := desk.SaveAssessment(ctx, finAgency, "FIN", year, answers(3))
	if err == nil && status != domain.AssessmentDraft {
		a, err = desk.SubmitAssessment(ctx, finAgency, "FIN", year, nil)
	}
	switch {
	case err != nil:
	case status == domain.AssessmentValidated:
		a, _, err = desk.ValidateAssessment(ctx, coordinator, a.ID, "")
	case status == domain.AssessmentReturned:
		a, err = desk.ReturnAssessment(ctx, coordinator, a.ID, "setup")
	}
	if err != nil || a.Status != status {
		tb.Fatalf("FIN %d to %s: %+v %v", year, status, a, err)
	}
	return a.ID
}

// TestAssessmentRules: role × status × ownership for every action on a
// self-assessment.
func TestAssessmentRules(t *testing.T) {
	st := storetest.Open(t)
	desk := New(st)
	ctx := context.Background()
	// FIN has a validated assessment for 2000 to copy from.
	assessmentIn(t, desk, 2000, domain.AssessmentValidated)
	const (
		none      = ""
		draft     = domain.AssessmentDraft
		submitted = domain.AssessmentSubmitted
		returned  = domain.AssessmentReturned
		validated = domain.AssessmentValidated
	)
	tests := []struct {
		by      Actor
		action  string
		status  string // FIN's assessment before
		comment string
		code    string
		key     string
		after   string // FIN's assessment after, when allowed
	}{
		{finAgency, domain.ActionSave, none, "", "", "", draft},
		{finAgency, domain.ActionSave, draft, "", "", "", draft},
		{finAgency, domain.ActionSave, returned, "", "", "", returned},
		{finAgency, domain.ActionSave, submitted, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{finAgency, domain.ActionSave, validated, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{justAgency, domain.ActionSave, draft, "", domain.EFORBIDDEN, "error.assessment_own_only", ""},
		{coordinator, domain.ActionSave, draft, "", domain.EFORBIDDEN, "error.assessment_own_only", ""},
		{analyst, domain.ActionSave, none, "", domain.EFORBIDDEN, "error.assessment_own_only", ""},

		{finAgency, domain.ActionCopy, none, "", "", "", draft},
		{finAgency, domain.ActionCopy, returned, "", "", "", returned},
		{finAgency, domain.ActionCopy, submitted, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{justAgency, domain.ActionCopy, draft, "", domain.EFORBIDDEN, "error.assessment_own_only", ""},

		{finAgency, domain.ActionSubmit, draft, "", "", "", submitted},
		{finAgency, domain.ActionSubmit, returned, "", "", "", submitted},
		{finAgency, domain.ActionSubmit, none, "", "", "", submitted},
		{finAgency, domain.ActionSubmit, submitted, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{finAgency, domain.ActionSubmit, validated, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{justAgency, domain.ActionSubmit, draft, "", domain.EFORBIDDEN, "error.assessment_own_only", ""},
		{coordinator, domain.ActionSubmit, draft, "", domain.EFORBIDDEN, "error.assessment_own_only", ""},

		{coordinator, domain.ActionValidate, submitted, "", "", "", validated},
		{coordinator, domain.ActionValidate, submitted, "  thanks ", "", "", validated},
		{coordinator, domain.ActionValidate, submitted, strings.Repeat("x", domain.MaxCommentLen+1), domain.EINVALID, "error.comment_too_long", ""},
		{coordinator, domain.ActionValidate, draft, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{coordinator, domain.ActionValidate, returned, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{coordinator, domain.ActionValidate, validated, "", domain.ECONFLICT, "error.assessment_transition", ""},
		{finAgency, domain.ActionValidate, submitted, "", domain.EFORBIDDEN, "error.assessment_coordinator_only", ""},
		{analyst, domain.ActionValidate, submitted, "", domain.EFORBIDDEN, "error.assessment_coordinator_only", ""},

		{coordinator, domain.ActionReturn, submitted, "criterion 13?", "", "", returned},
		{coordinator, domain.ActionReturn, submitted, "  ", domain.EINVALID, "error.assessment_return_reason", ""},
		{coordinator, domain.ActionReturn, draft, "why", domain.ECONFLICT, "error.assessment_not_waiting", ""},
		{coordinator, domain.ActionReturn, validated, "why", domain.ECONFLICT, "error.assessment_not_waiting", ""},
		{finAgency, domain.ActionReturn, submitted, "why", domain.EFORBIDDEN, "error.assessment_coordinator_only", ""},
		{justAgency, domain.ActionReturn, submitted, "why", domain.EFORBIDDEN, "error.assessment_coordinator_only", ""},
	}
	for i, tt := range tests {
		status := tt.status
		if status == "" {
			status = "none"
		}
		t.Run(fmt.Sprintf("%s %s %s", tt.by.Account.Email, tt.action, status), func(t *testing.T) {
			year := 2001 + i
			id := assessmentIn(t, desk, year, tt.status)
			action := "criteria_" + tt.action
			before := auditCount(t, st, action)
			var err error
			switch tt.action {
			case domain.ActionSave:
				_, err = desk.SaveAssessment(ctx, tt.by, "FIN", year, answers(5))
			case domain.ActionCopy:
				_, _, err = desk.CopyAssessment(ctx, tt.by, "FIN", year)
			case domain.ActionSubmit:
				_, err = desk.SubmitAssessment(ctx, tt.by, "FIN", year, answers(5))
			case domain.ActionValidate:
				_, _, err = desk.ValidateAssessment(ctx, tt.by, id, tt.comment)
			case domain.ActionReturn:
				_, err = desk.ReturnAssessment(ctx, tt.by, id, tt.comment)
			}
			checkOutcome(t, st, tt.by, action, before, err, tt.code, tt.key)
			a, aerr := st.Assessment(ctx, "FIN", year)
			want := tt.after
			if tt.code != "" {
				want = tt.status
			}
			switch {
			case want == none && codeOf(aerr) != domain.ENOTFOUND:
				t.Errorf("an assessment was created: %+v %v", a, aerr)
			case want != none && (aerr != nil || a.Status != want):
				t.Errorf("status %q (%v), want %q", a.Status, aerr, want)
			case tt.code == "" && (tt.action == domain.ActionValidate || tt.action == domain.ActionReturn) && a.Comment != strings.TrimSpace(tt.comment):
				t.Errorf("comment %q, want it trimmed", a.Comment)
			}
		})
	}
}

// TestMysteryRule: only the coordinator records mystery-shopping checks.
func TestMysteryRule(t *testing.T) {
	st := storetest.Open(t)
	desk := New(st)
	check := domain.MysteryCheck{Organisation: "FIN", SentOn: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), Channel: "email"}
	for _, tt := range []struct {
		by   Actor
		code string
	}{{coordinator, ""}, {finAgency, domain.EFORBIDDEN}, {analyst, domain.EFORBIDDEN}} {
		t.Run(tt.by.Account.Role, func(t *testing.T) {
			before := auditCount(t, st, "mystery_check")
			_, err := desk.RecordMysteryCheck(context.Background(), tt.by, check, "no acknowledgement")
			checkOutcome(t, st, tt.by, "mystery_check", before, err, tt.code, "")
		})
	}
	checks, err := st.MysteryChecks(context.Background(), "FIN")
	if err != nil || len(checks) != 1 {
		t.Errorf("%d checks stored (%v), want the coordinator's", len(checks), err)
	}
}

// TestUploadRules: whose figures a file or register may carry.
func TestUploadRules(t *testing.T) {
	tests := []struct {
		name string
		by   domain.Account
		orgs []string
		own  string
		key  string // of the refusal
	}{
		{"the coordinator, for anyone", coordinator.Account, []string{"FIN", "JUST"}, "", ""},
		{"an agency, its own", finAgency.Account, []string{"FIN"}, "FIN", ""},
		{"an agency, another's", finAgency.Account, []string{"FIN", "JUST"}, "FIN", "error.figures_of_other"},
		{"an agency bound to none", domain.Account{Role: auth.RoleAgency}, nil, "", "error.no_organisation_bound"},
		{"the analyst", analyst.Account, nil, "", "error.upload_roles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own, err := UploadOrganisation(tt.by)
			if err == nil {
				err = OwnFigures(own, tt.orgs)
			}
			if keyOf(err) != tt.key || (tt.key != "" && codeOf(err) != domain.EFORBIDDEN) {
				t.Fatalf("err = %v, want %s", err, tt.key)
			}
			if tt.key == "" && own != tt.own {
				t.Errorf("bound to %q, want %q", own, tt.own)
			}
			if tt.key == "error.figures_of_other" {
				if err := OwnRegister(own, tt.orgs); keyOf(err) != "error.register_of_other" {
					t.Errorf("register: err = %v", err)
				}
			}
		})
	}
}

// TestTemplateOrganisation: an agency gets the template of its own
// organisation only, the coordinator names one, the analyst gets none.
func TestTemplateOrganisation(t *testing.T) {
	for _, tt := range []struct {
		name, asked string
		by          domain.Account
		want, key   string
	}{
		{"an agency, unnamed", "", finAgency.Account, "FIN", ""},
		{"an agency, its own", "FIN", finAgency.Account, "FIN", ""},
		{"an agency, another's", "JUST", finAgency.Account, "", "error.template_own_only"},
		{"the coordinator, named", "JUST", coordinator.Account, "JUST", ""},
		{"the coordinator, unnamed", "", coordinator.Account, "", "error.template_org_required"},
		{"the analyst", "FIN", analyst.Account, "", "error.upload_roles"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TemplateOrganisation(tt.by, tt.asked)
			if keyOf(err) != tt.key || got != tt.want {
				t.Errorf("got %q, %v; want %q, %s", got, err, tt.want, tt.key)
			}
		})
	}
}

// TestTypedTextsOfCriteria: a self-assessment's comment keeps its line
// breaks but no other control character; evidence and a mystery check's
// sender are one line.
func TestTypedTextsOfCriteria(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"comment on two lines", AnswerTexts([]domain.Answer{{Criterion: 1, Comment: "one\r\ntwo\tthree", Evidence: " https://fin.belgium.be/klachten \n"}}), ""},
		{"comment with NUL", AnswerTexts([]domain.Answer{{Criterion: 2, Comment: "a\x00b"}}), "error.text_control"},
		{"evidence on two lines", AnswerTexts([]domain.Answer{{Criterion: 3, Evidence: "https://a.be\nhttps://b.be"}}), "error.text_control_line"},
		{"notes with an escape", MysteryTexts(domain.MysteryCheck{Notes: "a\x1bb"}), "error.text_control"},
		{"sender with a line feed", MysteryTexts(domain.MysteryCheck{SentBy: "a\nBcc: b"}), "error.text_control_line"},
		{"a plain check", MysteryTexts(domain.MysteryCheck{SentBy: "Jan", Notes: "no answer\nafter 30 days"}), ""},
	}
	for _, c := range cases {
		var de *domain.Error
		switch {
		case c.want == "" && c.err != nil:
			t.Errorf("%s: %v", c.name, c.err)
		case c.want != "" && (!errors.As(c.err, &de) || de.Key != c.want):
			t.Errorf("%s: %v, want %s", c.name, c.err, c.want)
		}
	}
}
