package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func errCode(err error) string {
	var de *Error
	if errors.As(err, &de) {
		return de.Code
	}
	if err != nil {
		return "other"
	}
	return ""
}

func TestNextStatus(t *testing.T) {
	statuses := []string{"", AssessmentDraft, AssessmentSubmitted, AssessmentValidated, AssessmentReturned}
	actions := []string{ActionSave, ActionCopy, ActionSubmit, ActionValidate, ActionReturn}
	// The whole table: every pair not listed here is refused.
	allowed := map[[2]string]string{
		{"", ActionSave}:                      AssessmentDraft,
		{"", ActionCopy}:                      AssessmentDraft,
		{AssessmentDraft, ActionSave}:         AssessmentDraft,
		{AssessmentDraft, ActionCopy}:         AssessmentDraft,
		{AssessmentDraft, ActionSubmit}:       AssessmentSubmitted,
		{AssessmentReturned, ActionSave}:      AssessmentReturned,
		{AssessmentReturned, ActionCopy}:      AssessmentReturned,
		{AssessmentReturned, ActionSubmit}:    AssessmentSubmitted,
		{AssessmentSubmitted, ActionValidate}: AssessmentValidated,
		{AssessmentSubmitted, ActionReturn}:   AssessmentReturned,
	}
	for _, from := range statuses {
		for _, action := range actions {
			t.Run(from+"/"+action, func(t *testing.T) {
				got, err := NextStatus(from, action)
				want, ok := allowed[[2]string{from, action}]
				if ok {
					if err != nil || got != want {
						t.Fatalf("NextStatus(%q, %q) = %q, %v; want %q", from, action, got, err, want)
					}
					return
				}
				wantCode := ECONFLICT
				if from == "" {
					wantCode = ENOTFOUND
				}
				if errCode(err) != wantCode {
					t.Fatalf("NextStatus(%q, %q) = %q, %v; want a %s error", from, action, got, err, wantCode)
				}
			})
		}
	}
	if _, err := NextStatus(AssessmentDraft, "publish"); errCode(err) != EINVALID {
		t.Errorf("unknown action: err = %v, want invalid", err)
	}
}

// full answers every criterion with state.
func full(state string) []Answer {
	out := make([]Answer, CriteriaCount)
	for i := range out {
		out[i] = Answer{Criterion: i + 1, State: state}
	}
	return out
}

func TestCheckAnswers(t *testing.T) {
	tests := []struct {
		name     string
		answers  []Answer
		complete bool
		wantCode string
		wantText string
	}{
		{"empty draft", nil, false, "", ""},
		{"partial draft", []Answer{{Criterion: 3, State: StateMet}, {Criterion: 5, Comment: "to check"}}, false, "", ""},
		{"complete", full(StatePartly), true, "", ""},
		{"partial submit", full(StateMet)[:13], true, EINVALID, "missing: [14]"},
		{"unanswered in submit", append(full(StateMet)[:13], Answer{Criterion: 14}), true, EINVALID, "missing: [14]"},
		{"criterion 0", []Answer{{Criterion: 0, State: StateMet}}, false, EINVALID, "no criterion 0"},
		{"criterion 15", []Answer{{Criterion: 15, State: StateMet}}, false, EINVALID, "no criterion 15"},
		{"twice", []Answer{{Criterion: 2, State: StateMet}, {Criterion: 2, State: StateNotMet}}, false, EINVALID, "twice"},
		{"bad state", []Answer{{Criterion: 2, State: "yes"}}, false, EINVALID, "“yes”"},
		{"long comment", []Answer{{Criterion: 2, Comment: strings.Repeat("é", MaxCommentLen+1)}}, false, EINVALID, "comment"},
		{"comment at the limit", []Answer{{Criterion: 2, Comment: strings.Repeat("é", MaxCommentLen)}}, false, "", ""},
		{"long evidence", []Answer{{Criterion: 2, Evidence: strings.Repeat("x", MaxEvidenceLen+1)}}, false, EINVALID, "evidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckAnswers(tt.answers, tt.complete)
			if errCode(err) != tt.wantCode {
				t.Fatalf("err = %v, want code %q", err, tt.wantCode)
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %v, want it to mention %q", err, tt.wantText)
			}
		})
	}
}

func TestAssessmentMetCountsOnlyMet(t *testing.T) {
	a := Assessment{Answers: []Answer{
		{Criterion: 1, State: StateMet}, {Criterion: 2, State: StatePartly},
		{Criterion: 3, State: StateNotMet}, {Criterion: 4, State: StateMet}, {Criterion: 5},
	}}
	if got := a.Met(); got != 2 {
		t.Errorf("Met() = %d, want 2 (partly does not count)", got)
	}
}

func TestEvidenceLink(t *testing.T) {
	tests := []struct{ evidence, want string }{
		{"https://example.be/klachten", "https://example.be/klachten"},
		{"http://example.be", "http://example.be"},
		{"javascript:alert(1)", ""},
		{"note 2024/17 of the board", ""},
		{"https:///nohost", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.evidence, func(t *testing.T) {
			if got := (Answer{Evidence: tt.evidence}).EvidenceLink(); got != tt.want {
				t.Errorf("EvidenceLink() = %q, want %q", got, tt.want)
			}
		})
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMysteryCheck(t *testing.T) {
	good := MysteryCheck{Organisation: "FIN", SentOn: day("2025-03-02"), Channel: "email",
		AckReceived: true, AckOn: day("2025-03-05"), AnswerReceived: true, AnswerOn: day("2025-04-01"), SecondLineMentioned: true}
	tests := []struct {
		name     string
		edit     func(*MysteryCheck)
		wantText string // empty: accepted
	}{
		{"complete", func(*MysteryCheck) {}, ""},
		{"nothing came back", func(m *MysteryCheck) { *m = MysteryCheck{Organisation: "FIN", SentOn: m.SentOn, Channel: "letter"} }, ""},
		{"same-day acknowledgement", func(m *MysteryCheck) { m.AckOn = m.SentOn }, ""},
		{"no organisation", func(m *MysteryCheck) { m.Organisation = "" }, "administration"},
		{"no date", func(m *MysteryCheck) { m.SentOn = time.Time{} }, "date the complaint was sent"},
		{"no channel", func(m *MysteryCheck) { m.Channel = "" }, "channel"},
		{"ack without date", func(m *MysteryCheck) { m.AckOn = time.Time{} }, "date the acknowledgement"},
		{"ack date without ack", func(m *MysteryCheck) { m.AckReceived = false }, "no acknowledgement arrived"},
		{"ack before sending", func(m *MysteryCheck) { m.AckOn = day("2025-03-01") }, "before"},
		{"answer without date", func(m *MysteryCheck) { m.AnswerOn = time.Time{} }, "date the answer"},
		{"answer date without answer", func(m *MysteryCheck) { m.AnswerReceived = false }, "no answer arrived"},
		{"answer before sending", func(m *MysteryCheck) { m.AnswerOn = day("2025-01-01") }, "before"},
		{"second line without answer", func(m *MysteryCheck) { m.AnswerReceived, m.AnswerOn = false, time.Time{} }, "second line"},
		{"long notes", func(m *MysteryCheck) { m.Notes = strings.Repeat("n", MaxNotesLen+1) }, "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good
			tt.edit(&m)
			err := m.Check()
			if tt.wantText == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				return
			}
			if errCode(err) != EINVALID || !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("Check() = %v, want invalid mentioning %q", err, tt.wantText)
			}
		})
	}
	if got := good.AckDays(); got != 3 {
		t.Errorf("AckDays() = %d, want 3", got)
	}
	if got := good.AnswerDays(); got != 30 {
		t.Errorf("AnswerDays() = %d, want 30", got)
	}
	if got := (MysteryCheck{SentOn: good.SentOn}).AckDays(); got != -1 {
		t.Errorf("AckDays() without acknowledgement = %d, want -1", got)
	}
}
