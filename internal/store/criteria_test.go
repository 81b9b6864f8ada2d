package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// coordinator and agencyOf are who acts, for the audit entries; who may act
// is internal/review's, tested there.
var coordinator = domain.AuditEntry{Actor: "coord@bosa.be", Address: "192.0.2.7"}

func agencyOf(org string) domain.AuditEntry {
	return domain.AuditEntry{Actor: "agent@" + org + ".be", Address: "192.0.2.8"}
}

// answersWith answers the 14 criteria: the first met ones met, the next
// partly ones partly, the rest not met.
func answersWith(met, partly int) []domain.Answer {
	out := make([]domain.Answer, domain.CriteriaCount)
	for i := range out {
		state := domain.StateNotMet
		switch {
		case i < met:
			state = domain.StateMet
		case i < met+partly:
			state = domain.StatePartly
		}
		out[i] = domain.Answer{Criterion: i + 1, State: state, Comment: fmt.Sprintf("c%d", i+1), Evidence: fmt.Sprintf("https://example.be/%d", i+1)}
	}
	return out
}

func codeOf(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

// mustValidate takes org's assessment for year through submit and
// validation with answers.
func mustValidate(tb testing.TB, s *Store, org string, year int, answers []domain.Answer) domain.Submission {
	tb.Helper()
	ctx := context.Background()
	a, err := s.SubmitAssessment(ctx, agencyOf(org), org, year, answers)
	if err != nil {
		tb.Fatalf("submit %s/%d: %v", org, year, err)
	}
	_, sub, err := s.ValidateAssessment(ctx, coordinator, a.ID, "")
	if err != nil {
		tb.Fatalf("validate %s/%d: %v", org, year, err)
	}
	return sub
}

// publishedCriteriaMet returns the public figure criteria_met of org and year.
func publishedCriteriaMet(tb testing.TB, s *Store, org string, year int) (float64, bool) {
	tb.Helper()
	obs, err := s.Published(context.Background(), Filter{Years: []int{year}, Organisations: []string{org}, Indicators: []string{"criteria_met"}})
	if err != nil {
		tb.Fatal(err)
	}
	if len(obs) == 0 {
		return 0, false
	}
	if len(obs) > 1 {
		tb.Fatalf("%d published criteria_met values for %s/%d", len(obs), org, year)
	}
	return obs[0].Value, true
}

func TestAssessmentLifecycle(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	fin := agencyOf("FIN")

	// A draft may be incomplete.
	draft, err := s.SaveAssessment(ctx, fin, "FIN", 2024, []domain.Answer{{Criterion: 1, State: domain.StateMet, Comment: " named in 2019 "}, {Criterion: 8, Evidence: "note 12"}})
	if err != nil {
		t.Fatal(err)
	}
	if draft.Status != domain.AssessmentDraft || len(draft.Answers) != 2 || draft.Answers[0].Comment != "named in 2019" || draft.UpdatedBy != fin.Actor {
		t.Fatalf("draft = %+v", draft)
	}
	if _, err := s.SubmitAssessment(ctx, fin, "FIN", 2024, nil); codeOf(err) != domain.EINVALID {
		t.Fatalf("submitting an incomplete draft: err = %v, want invalid", err)
	}

	first := answersWith(12, 1)
	sub, err := s.SubmitAssessment(ctx, fin, "FIN", 2024, first)
	if err != nil {
		t.Fatal(err)
	}
	if sub.ID != draft.ID || sub.Status != domain.AssessmentSubmitted || sub.Version != 1 || sub.SubmittedBy != fin.Actor || sub.SubmittedAt.IsZero() {
		t.Fatalf("submitted = %+v", sub)
	}
	inbox, err := s.AssessmentInbox(ctx)
	if err != nil || len(inbox) != 1 || inbox[0].ID != sub.ID || len(inbox[0].Answers) != 14 {
		t.Fatalf("inbox = %+v, %v", inbox, err)
	}

	ret, err := s.ReturnAssessment(ctx, coordinator, sub.ID, "criterion 13: where is the evidence?")
	if err != nil {
		t.Fatal(err)
	}
	if ret.Status != domain.AssessmentReturned || ret.Comment != "criterion 13: where is the evidence?" || ret.ReviewedBy != coordinator.Actor {
		t.Fatalf("returned = %+v", ret)
	}

	// The administration corrects and resubmits.
	second := answersWith(13, 1)
	second[12].Comment = "report 2024, p. 12"
	edited, err := s.SaveAssessment(ctx, fin, "FIN", 2024, second)
	if err != nil {
		t.Fatal(err)
	}
	if edited.Status != domain.AssessmentReturned {
		t.Errorf("a corrected returned assessment is %s, want it still returned until resubmitted", edited.Status)
	}
	resub, err := s.SubmitAssessment(ctx, fin, "FIN", 2024, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resub.Version != 2 || resub.Status != domain.AssessmentSubmitted {
		t.Fatalf("resubmitted = %+v", resub)
	}
	valid, derived, err := s.ValidateAssessment(ctx, coordinator, resub.ID, "thanks")
	if err != nil {
		t.Fatal(err)
	}
	if valid.Status != domain.AssessmentValidated || valid.Met() != 13 {
		t.Fatalf("validated = %+v", valid)
	}
	if derived.Kind != domain.KindSelfAssessment || derived.Status != domain.StatusApproved || derived.Source != coordinator.Actor {
		t.Fatalf("derived submission = %+v", derived)
	}
	if inbox, _ := s.AssessmentInbox(ctx); len(inbox) != 0 {
		t.Errorf("inbox after validation = %+v", inbox)
	}

	// Nothing was overwritten: the returned version is still in the history.
	hist, err := s.AssessmentHistory(ctx, valid.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range hist {
		actions = append(actions, e.Action+">"+e.Status)
	}
	want := "[save>draft submit>submitted return>returned save>returned submit>submitted validate>validated]"
	if fmt.Sprint(actions) != want {
		t.Fatalf("history = %v, want %s", actions, want)
	}
	if got := (domain.Assessment{Answers: hist[1].Answers}).Met(); got != 12 {
		t.Errorf("first submitted version meets %d criteria in the history, want 12", got)
	}
	if hist[2].Comment != "criterion 13: where is the evidence?" || hist[2].Actor != coordinator.Actor {
		t.Errorf("return event = %+v", hist[2])
	}
}

func TestAssessmentTransitionsRefused(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	// One assessment in each status, for different organisations.
	if _, err := s.SaveAssessment(ctx, agencyOf("FIN"), "FIN", 2024, answersWith(3, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitAssessment(ctx, agencyOf("JUST"), "JUST", 2024, answersWith(14, 0)); err != nil {
		t.Fatal(err)
	}
	mustValidate(t, s, "MOB", 2024, answersWith(14, 0))
	validated, err := s.Assessment(ctx, "MOB", 2024)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.Assessment(ctx, "FIN", 2024)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"validate a draft", func() error { _, _, err := s.ValidateAssessment(ctx, coordinator, draft.ID, ""); return err }, domain.ECONFLICT},
		{"return a draft", func() error { _, err := s.ReturnAssessment(ctx, coordinator, draft.ID, "no"); return err }, domain.ECONFLICT},
		{"edit a submitted one", func() error {
			_, err := s.SaveAssessment(ctx, agencyOf("JUST"), "JUST", 2024, answersWith(1, 0))
			return err
		}, domain.ECONFLICT},
		{"submit twice", func() error { _, err := s.SubmitAssessment(ctx, agencyOf("JUST"), "JUST", 2024, nil); return err }, domain.ECONFLICT},
		{"edit a validated one", func() error {
			_, err := s.SaveAssessment(ctx, agencyOf("MOB"), "MOB", 2024, answersWith(1, 0))
			return err
		}, domain.ECONFLICT},
		{"copy into a validated one", func() error { _, _, err := s.CopyAssessment(ctx, agencyOf("MOB"), "MOB", 2024); return err }, domain.ECONFLICT},
		{"validate twice", func() error { _, _, err := s.ValidateAssessment(ctx, coordinator, validated.ID, ""); return err }, domain.ECONFLICT},
		{"return a validated one", func() error { _, err := s.ReturnAssessment(ctx, coordinator, validated.ID, "no"); return err }, domain.ECONFLICT},
		{"unknown assessment", func() error { _, _, err := s.ValidateAssessment(ctx, coordinator, 9999, ""); return err }, domain.ENOTFOUND},
		{"submit nothing saved", func() error { _, err := s.SubmitAssessment(ctx, agencyOf("IBZ"), "IBZ", 2024, nil); return err }, domain.ENOTFOUND},
		{"bad answers", func() error {
			_, err := s.SaveAssessment(ctx, agencyOf("FIN"), "FIN", 2024, []domain.Answer{{Criterion: 15, State: domain.StateMet}})
			return err
		}, domain.EINVALID},
		{"year out of range", func() error { _, err := s.SaveAssessment(ctx, agencyOf("FIN"), "FIN", 99, nil); return err }, domain.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codeOf(tt.do()); got != tt.want {
				t.Errorf("error code = %q, want %q", got, tt.want)
			}
		})
	}
	// The refusals changed nothing.
	for _, c := range []struct {
		org, status string
	}{{"FIN", domain.AssessmentDraft}, {"JUST", domain.AssessmentSubmitted}, {"MOB", domain.AssessmentValidated}} {
		a, err := s.Assessment(ctx, c.org, 2024)
		if err != nil || a.Status != c.status {
			t.Errorf("%s is %q (%v), want %s", c.org, a.Status, err, c.status)
		}
	}
	if got, _ := s.Assessment(ctx, "FIN", 2024); got.Met() != 3 {
		t.Errorf("FIN's draft meets %d, want its saved 3", got.Met())
	}
}

func TestCriteriaMetDerivation(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	// The administration first uploads a file saying it meets 14 criteria.
	up := mustImport(t, s, importFile("fin-2024.csv", domain.StatusApproved, obsOf(t, "FIN", 2024, "received=100 criteria_met=14")))
	if v, _ := publishedCriteriaMet(t, s, "FIN", 2024); v != 14 {
		t.Fatalf("before the assessment the public figure is %v, want the uploaded 14", v)
	}
	if d, err := s.CriteriaDisagreements(ctx); err != nil || len(d) != 0 {
		t.Fatalf("disagreements before any assessment = %+v, %v", d, err)
	}

	// Its self-assessment says 10 met, 3 partly: partly does not count.
	derived := mustValidate(t, s, "FIN", 2024, answersWith(10, 3))
	if v, ok := publishedCriteriaMet(t, s, "FIN", 2024); !ok || v != 10 {
		t.Fatalf("after validation the public figure is %v (%v), want 10", v, ok)
	}
	_, obs, err := s.Submission(ctx, derived.ID)
	if err != nil || len(obs) != 1 || obs[0].Indicator != "criteria_met" || obs[0].Value != 10 {
		t.Fatalf("derived submission observations = %+v, %v", obs, err)
	}
	// The rest of the upload stays published.
	cur, err := s.Current(ctx, "FIN", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(cur) != 2 || cur[1].Indicator != "received" || cur[1].Value != 100 {
		t.Errorf("current FIN 2024 = %+v, want criteria_met and the uploaded received", cur)
	}

	wantFlag := Disagreement{Organisation: "FIN", Year: 2024, Uploaded: 14, Derived: 10, SubmissionID: up.Created[0].ID, Status: domain.StatusApproved}
	d, err := s.CriteriaDisagreements(ctx)
	if err != nil || len(d) != 1 || d[0] != wantFlag {
		t.Fatalf("disagreements = %+v, %v; want %+v", d, err, wantFlag)
	}

	// A later upload does not override the validated figure, and its own
	// disagreement replaces the earlier one.
	later := mustImport(t, s, importFile("fin-2024-bis.csv", domain.StatusApproved, obsOf(t, "FIN", 2024, "criteria_met=12")))
	if v, _ := publishedCriteriaMet(t, s, "FIN", 2024); v != 10 {
		t.Errorf("after a later upload the public figure is %v, want the validated 10", v)
	}
	wantFlag.Uploaded, wantFlag.SubmissionID = 12, later.Created[0].ID
	if d, _ := s.CriteriaDisagreements(ctx); len(d) != 1 || d[0] != wantFlag {
		t.Errorf("disagreements after a later upload = %+v, want %+v", d, wantFlag)
	}

	// An upload waiting for review is flagged too; a returned one is not,
	// and one that agrees clears the flag.
	pending := mustImport(t, s, importFile("fin-2024-ter.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2024, "criteria_met=11")))
	if d, _ := s.CriteriaDisagreements(ctx); len(d) != 1 || d[0].SubmissionID != pending.Created[0].ID || d[0].Status != domain.StatusSubmitted {
		t.Errorf("disagreements with a pending upload = %+v", d)
	}
	setStatus(t, s, pending.Created[0].ID, domain.StatusReturned)
	if d, _ := s.CriteriaDisagreements(ctx); len(d) != 1 || d[0].SubmissionID != later.Created[0].ID {
		t.Errorf("disagreements once the pending upload is returned = %+v", d)
	}
	mustImport(t, s, importFile("fin-2024-fixed.csv", domain.StatusApproved, obsOf(t, "FIN", 2024, "criteria_met=10")))
	if d, _ := s.CriteriaDisagreements(ctx); len(d) != 0 {
		t.Errorf("disagreements once an agreeing file is uploaded = %+v", d)
	}

	// Other organisations and years are untouched.
	if _, ok := publishedCriteriaMet(t, s, "FIN", 2023); ok {
		t.Error("a criteria_met appeared for FIN 2023")
	}
}

func TestCopyLastYear(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	fin := agencyOf("FIN")
	if _, _, err := s.CopyAssessment(ctx, fin, "FIN", 2024); codeOf(err) != domain.ENOTFOUND {
		t.Fatalf("copy with nothing before: err = %v, want not found", err)
	}
	old := answersWith(9, 2)
	mustValidate(t, s, "FIN", 2022, old)
	// Another organisation's answers are never copied.
	mustValidate(t, s, "JUST", 2023, answersWith(14, 0))

	tests := []struct {
		name     string
		year     int
		wantFrom int
	}{
		{"skips a year without an assessment", 2024, 2022},
		{"the year right after", 2023, 2022},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, from, err := s.CopyAssessment(ctx, fin, "FIN", tt.year)
			if err != nil {
				t.Fatal(err)
			}
			if from != tt.wantFrom || a.Status != domain.AssessmentDraft || a.Year != tt.year {
				t.Fatalf("copied from %d into %+v", from, a)
			}
			if fmt.Sprint(a.Answers) != fmt.Sprint(old) {
				t.Errorf("answers = %v, want %v", a.Answers, old)
			}
		})
	}
	// Copying stays a draft: nothing is published until validated.
	if _, ok := publishedCriteriaMet(t, s, "FIN", 2024); ok {
		t.Error("a copied draft was published")
	}
	// A copy takes the answers as they are now, draft or not, of the
	// latest earlier year.
	if _, err := s.SaveAssessment(ctx, fin, "FIN", 2024, answersWith(4, 0)); err != nil {
		t.Fatal(err)
	}
	a, from, err := s.CopyAssessment(ctx, fin, "FIN", 2026)
	if err != nil || from != 2024 || a.Met() != 4 {
		t.Errorf("copy into 2026: from %d, met %d, %v; want 2024 and 4", from, a.Met(), err)
	}
}

func TestProtocolSinceWhen(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	all, short := answersWith(14, 0), answersWith(13, 1)
	// year -> answers, validated; nil: no assessment that year.
	histories := map[string]map[int][]domain.Answer{
		"FIN":  {2021: all, 2022: all, 2023: all},              // unbroken since 2021
		"JUST": {2020: all, 2021: all, 2022: short, 2023: all}, // broken by a partly met criterion
		"MOB":  {2021: all, 2023: all},                         // broken by a missing year
		"IBZ":  {2022: all},                                    // not in 2023
		"SFP":  {2019: all, 2020: all, 2021: all, 2022: all, 2023: all},
		"POL":  {2023: short},
	}
	for org, years := range histories {
		for year, answers := range years {
			mustValidate(t, s, org, year, answers)
		}
	}
	// Submitted but not validated does not count.
	if _, err := s.SubmitAssessment(ctx, agencyOf("RSZ"), "RSZ", 2023, all); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		year  int
		group string
		want  string
	}{
		{2023, "", "[{FIN 2021} {JUST 2023} {MOB 2023} {SFP 2019}]"},
		{2023, "fps_defence", "[{FIN 2021} {JUST 2023} {MOB 2023}]"},
		{2023, "social_security", "[{SFP 2019}]"},
		{2023, "other", "[]"},
		{2022, "", "[{FIN 2021} {IBZ 2022} {SFP 2019}]"},
		{2021, "fps_defence", "[{FIN 2021} {JUST 2020} {MOB 2021}]"},
		{2018, "", "[]"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.year, tt.group), func(t *testing.T) {
			got, err := s.ProtocolEligible(ctx, tt.year, tt.group)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				got = []ProtocolEntry{}
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("eligible = %v, want %s", got, tt.want)
			}
		})
	}
	if _, err := s.ProtocolEligible(ctx, 2023, "nope"); codeOf(err) != domain.EINVALID {
		t.Errorf("unknown group: err = %v, want invalid", err)
	}
}

func TestCriteriaMatrix(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	mustValidate(t, s, "FIN", 2024, answersWith(14, 0))
	mustValidate(t, s, "SFP", 2024, answersWith(10, 2))
	mustValidate(t, s, "JUST", 2023, answersWith(5, 5)) // another year
	if _, err := s.SubmitAssessment(ctx, agencyOf("MOB"), "MOB", 2024, answersWith(14, 0)); err != nil {
		t.Fatal(err) // submitted, not public
	}
	check := domain.MysteryCheck{Organisation: "FIN", SentOn: day(t, "2024-03-02"), Channel: "email",
		AckReceived: true, AckOn: day(t, "2024-03-05"), AnswerReceived: true, AnswerOn: day(t, "2024-03-20")}
	if _, err := s.RecordMysteryCheck(ctx, coordinator, check); err != nil {
		t.Fatal(err)
	}

	m, err := s.CriteriaMatrix(ctx, 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != len(s.Reference().Organisations) || m.Assessed() != 2 {
		t.Fatalf("matrix has %d rows, %d assessed; want every organisation and 2", len(m.Rows), m.Assessed())
	}
	for _, r := range m.Rows {
		switch r.Organisation {
		case "FIN":
			if r.Assessment == nil || r.Assessment.Met() != 14 || r.Check == nil || r.Check.AckDays() != 3 {
				t.Errorf("FIN row = %+v", r)
			}
		case "SFP":
			if r.Assessment == nil || r.Assessment.Met() != 10 || r.Check != nil {
				t.Errorf("SFP row = %+v", r)
			}
		default:
			if r.Assessment != nil {
				t.Errorf("%s has a public assessment: %+v", r.Organisation, r.Assessment)
			}
		}
	}
	counts := m.Counts()
	// Criteria 1-10 met by both, 11-12 met by FIN and partly by SFP, 13-14
	// met by FIN and not by SFP.
	for _, c := range counts {
		want := CriterionCount{Criterion: c.Criterion, Met: 2}
		switch {
		case c.Criterion > 12:
			want = CriterionCount{Criterion: c.Criterion, Met: 1, NotMet: 1}
		case c.Criterion > 10:
			want = CriterionCount{Criterion: c.Criterion, Met: 1, Partly: 1}
		}
		if c != want {
			t.Errorf("count = %+v, want %+v", c, want)
		}
	}

	group, err := s.CriteriaMatrix(ctx, 2024, "social_security")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range group.Rows {
		if r.Group != "social_security" {
			t.Errorf("row %s of group %s in the social_security matrix", r.Organisation, r.Group)
		}
	}
	if group.Assessed() != 1 {
		t.Errorf("social_security matrix has %d assessed, want SFP only", group.Assessed())
	}
	// A check sent after the matrix's year is not evidence for it.
	early, err := s.CriteriaMatrix(ctx, 2023, "fps_defence")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range early.Rows {
		if r.Check != nil {
			t.Errorf("2023 matrix shows a 2024 check for %s", r.Organisation)
		}
	}
	if _, err := s.CriteriaMatrix(ctx, 2024, "x' OR 1=1 --"); codeOf(err) != domain.EINVALID {
		t.Errorf("unknown group: err = %v, want invalid", err)
	}

	// Over the years: the public sees the validated ones only.
	fin, err := s.AssessmentsOf(ctx, "MOB", true)
	if err != nil || len(fin) != 0 {
		t.Errorf("MOB public assessments = %+v, %v; want none", fin, err)
	}
	own, err := s.AssessmentsOf(ctx, "MOB", false)
	if err != nil || len(own) != 1 || own[0].Status != domain.AssessmentSubmitted {
		t.Errorf("MOB own assessments = %+v, %v", own, err)
	}
}

func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestMysteryChecks(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	checks := []domain.MysteryCheck{
		{Organisation: "FIN", SentOn: day(t, "2024-02-01"), Channel: "letter", SentBy: "coordinator of RSZ",
			AckReceived: true, AckOn: day(t, "2024-02-12"), AnswerReceived: true, AnswerOn: day(t, "2024-03-01"), SecondLineMentioned: true, Notes: "polite"},
		{Organisation: "FIN", SentOn: day(t, "2025-03-02"), Channel: "email",
			AckReceived: true, AckOn: day(t, "2025-03-05"), AnswerReceived: true, AnswerOn: day(t, "2025-03-20")},
		{Organisation: "JUST", SentOn: day(t, "2025-01-10"), Channel: "webform"},
	}
	for _, c := range checks {
		got, err := s.RecordMysteryCheck(ctx, coordinator, c)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID == 0 || got.RecordedBy != coordinator.Actor || got.RecordedAt.IsZero() {
			t.Fatalf("recorded = %+v", got)
		}
	}

	list, err := s.MysteryChecks(ctx, "FIN")
	if err != nil || len(list) != 2 {
		t.Fatalf("FIN checks = %+v, %v", list, err)
	}
	if !list[0].SentOn.Equal(checks[1].SentOn) || list[1].SentBy != "coordinator of RSZ" || !list[1].SecondLineMentioned || list[1].AckDays() != 11 {
		t.Errorf("FIN checks, latest first = %+v", list)
	}
	if all, _ := s.MysteryChecks(ctx, ""); len(all) != 3 {
		t.Errorf("all checks = %d, want 3", len(all))
	}
	if !list[0].AckOn.Equal(checks[1].AckOn) || list[0].AnswerDays() != 18 {
		t.Errorf("dates read back = %+v", list[0])
	}

	latest, err := s.LatestMysteryChecks(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(latest) != 2 || latest["FIN"].Channel != "email" || latest["JUST"].AckReceived || !latest["JUST"].AckOn.IsZero() {
		t.Errorf("latest = %+v", latest)
	}
	if upTo2024, _ := s.LatestMysteryChecks(ctx, 2024); len(upTo2024) != 1 || upTo2024["FIN"].Channel != "letter" {
		t.Errorf("latest up to 2024 = %+v", upTo2024)
	}

	refused := []struct {
		name string
		by   domain.AuditEntry
		edit func(*domain.MysteryCheck)
		want string
	}{
		{"unknown organisation", coordinator, func(m *domain.MysteryCheck) { m.Organisation = "NOPE" }, domain.EINVALID},
		{"unknown channel", coordinator, func(m *domain.MysteryCheck) { m.Channel = "pigeon" }, domain.EINVALID},
		{"answer before sending", coordinator, func(m *domain.MysteryCheck) { m.AnswerOn = day(t, "2020-01-01") }, domain.EINVALID},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			c := checks[0]
			tt.edit(&c)
			if _, err := s.RecordMysteryCheck(ctx, tt.by, c); codeOf(err) != tt.want {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
		})
	}
	if all, _ := s.MysteryChecks(ctx, ""); len(all) != 3 {
		t.Errorf("refused checks were stored: %d checks", len(all))
	}
}

func TestMysteryCheckMovesDataVersion(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	before, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordMysteryCheck(ctx, coordinator, domain.MysteryCheck{Organisation: "FIN", SentOn: day(t, "2025-01-02"), Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	after, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after == before {
		t.Error("a new mystery check left the data version, the public pages' cache key, unchanged")
	}
}

// TestCriteriaMatrixUsesTheYearsMembership: the matrix and the protocol list
// of a year take the groups of that year, and list an administration that
// ended only for the years it existed.
func TestCriteriaMatrixUsesTheYearsMembership(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	by := domain.AuditEntry{Actor: "coord@example.be"}
	mustValidate(t, s, "SFP", 2024, answersWith(14, 0))
	mustValidate(t, s, "JUST", 2023, answersWith(14, 0))
	sfp, _ := s.Reference().Organisation("SFP")
	if sfp.GroupIn(2023) != "social_security" {
		t.Fatalf("SFP is in %q in 2023", sfp.GroupIn(2023))
	}
	sfp.Groups = append(sfp.Groups, reference.Membership{FromYear: 2024, Group: "other"})
	if err := s.UpdateOrganisation(ctx, by, sfp); err != nil {
		t.Fatal(err)
	}
	if err := s.EndOrganisation(ctx, by, "JUST", 2023, nil); err != nil {
		t.Fatal(err)
	}
	rows := func(year int, group string) map[string]MatrixRow {
		t.Helper()
		m, err := s.CriteriaMatrix(ctx, year, group)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]MatrixRow{}
		for _, r := range m.Rows {
			out[r.Organisation] = r
		}
		return out
	}
	if r, ok := rows(2024, "other")["SFP"]; !ok || r.Assessment == nil || r.Group != "other" {
		t.Errorf("SFP in the 2024 matrix of other: %+v %v", r, ok)
	}
	if _, ok := rows(2024, "social_security")["SFP"]; ok {
		t.Error("SFP still in the 2024 matrix of social_security")
	}
	if _, ok := rows(2024, "")["JUST"]; ok {
		t.Error("JUST, ended in 2023, in the 2024 matrix")
	}
	if r, ok := rows(2023, "fps_defence")["JUST"]; !ok || r.Assessment == nil {
		t.Errorf("JUST in the 2023 matrix: %+v %v", r, ok)
	}
	for group, want := range map[string]int{"other": 1, "social_security": 0} {
		got, err := s.ProtocolEligible(ctx, 2024, group)
		if err != nil || len(got) != want {
			t.Errorf("protocol list 2024 %s: %+v %v, want %d", group, got, err, want)
		}
	}
}
