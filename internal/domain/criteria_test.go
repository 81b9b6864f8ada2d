package domain

import (
	"errors"
	"strings"
	"testing"
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
