package domain

import (
	"net/url"
	"time"
	"unicode/utf8"
)

// CriteriaCount is the number of criteria of circular 23289.
const CriteriaCount = 14

// Self-assessment statuses. An assessment is edited by its administration
// while draft or returned, and the coordinator validates or returns it once
// submitted; validated is final.
const (
	AssessmentDraft     = "draft"
	AssessmentSubmitted = "submitted"
	AssessmentValidated = "validated"
	AssessmentReturned  = "returned"
)

// What can be done to a self-assessment.
const (
	ActionSave     = "save"     // write (draft) answers
	ActionCopy     = "copy"     // replace the answers by those of an earlier year
	ActionSubmit   = "submit"   // hand the complete answers to the coordinator
	ActionValidate = "validate" // the coordinator accepts them
	ActionReturn   = "return"   // the coordinator sends them back with a comment
)

// The state of one criterion. Only met counts towards criteria_met: partly
// met is not met.
const (
	StateMet    = "met"
	StatePartly = "partly"
	StateNotMet = "not_met"
)

// Lengths beyond which an answer or a check is refused: comments are short by
// design, and the limits keep the matrix and its XLSX readable.
const (
	MaxCommentLen  = 1000
	MaxEvidenceLen = 500
	MaxNotesLen    = 2000
)

// ValidState tells whether s is met, partly or not_met.
func ValidState(s string) bool {
	return s == StateMet || s == StatePartly || s == StateNotMet
}

// Answer is an administration's answer for one criterion. State is empty
// while a draft leaves the criterion unanswered.
type Answer struct {
	Criterion int    `json:"criterion"`
	State     string `json:"state"`
	Comment   string `json:"comment,omitempty"`
	Evidence  string `json:"evidence,omitempty"` // an address on the administration's site or a document reference
}

// EvidenceLink returns the evidence when it is an http(s) address, so that
// only those become links; anything else (a document reference, or a
// javascript: address) is shown as text.
func (a Answer) EvidenceLink() string {
	u, err := url.Parse(a.Evidence)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return a.Evidence
}

// Assessment is an administration's self-assessment for one year.
type Assessment struct {
	ID           int64     `json:"id"`
	Organisation string    `json:"organisation"`
	Year         int       `json:"year"`
	Status       string    `json:"status"`
	Version      int       `json:"version"`           // times submitted so far
	Comment      string    `json:"comment,omitempty"` // the coordinator's, on return or validation
	UpdatedBy    string    `json:"updated_by"`
	UpdatedAt    time.Time `json:"updated_at"`
	SubmittedBy  string    `json:"submitted_by,omitempty"`
	SubmittedAt  time.Time `json:"submitted_at,omitzero"`
	ReviewedBy   string    `json:"reviewed_by,omitempty"`
	ReviewedAt   time.Time `json:"reviewed_at,omitzero"`
	Answers      []Answer  `json:"answers"` // ordered by criterion; unanswered criteria may be absent
}

// Answer returns the answer for criterion n.
func (a Assessment) Answer(n int) (Answer, bool) {
	for _, ans := range a.Answers {
		if ans.Criterion == n {
			return ans, true
		}
	}
	return Answer{}, false
}

// Met counts the criteria whose state is met: the value of criteria_met.
func (a Assessment) Met() int {
	n := 0
	for _, ans := range a.Answers {
		if ans.State == StateMet {
			n++
		}
	}
	return n
}

// Editable tells whether its administration may still change the answers.
func (a Assessment) Editable() bool {
	return a.Status == AssessmentDraft || a.Status == AssessmentReturned
}

// NextStatus is the state machine of a self-assessment: the status after
// action on an assessment in status (empty when it does not exist yet), or
// ECONFLICT when the action is not allowed there.
func NextStatus(status, action string) (string, error) {
	switch action {
	case ActionSave, ActionCopy:
		switch status {
		case "":
			return AssessmentDraft, nil
		case AssessmentDraft, AssessmentReturned:
			// A returned assessment stays returned while it is corrected, so
			// that the coordinator's comment stays in view.
			return status, nil
		}
	case ActionSubmit:
		if status == AssessmentDraft || status == AssessmentReturned {
			return AssessmentSubmitted, nil
		}
	case ActionValidate:
		if status == AssessmentSubmitted {
			return AssessmentValidated, nil
		}
	case ActionReturn:
		if status == AssessmentSubmitted {
			return AssessmentReturned, nil
		}
	default:
		return "", Errorf(EINVALID, "error.assessment_unknown_action", action)
	}
	if status == "" {
		return "", Errorf(ENOTFOUND, noAssessmentTo[action])
	}
	return "", Errorf(ECONFLICT, "error.assessment_transition", Phrasef(stateWord[status]), Phrasef(pastTense[action]))
}

// The words of NextStatus's errors, as locale keys.
var (
	noAssessmentTo = map[string]string{
		ActionSave: "error.no_assessment_to.save", ActionCopy: "error.no_assessment_to.copy",
		ActionSubmit: "error.no_assessment_to.submit", ActionValidate: "error.no_assessment_to.validate",
		ActionReturn: "error.no_assessment_to.return",
	}
	stateWord = map[string]string{
		AssessmentDraft: "error.assessment_state.draft", AssessmentSubmitted: "error.assessment_state.submitted",
		AssessmentValidated: "error.assessment_state.validated", AssessmentReturned: "error.assessment_state.returned",
	}
	pastTense = map[string]string{
		ActionSave: "error.assessment_done.changed", ActionCopy: "error.assessment_done.changed",
		ActionSubmit: "error.assessment_done.submitted", ActionValidate: "error.assessment_done.validated",
		ActionReturn: "error.assessment_done.returned",
	}
)

// CheckAnswers refuses answers that name a criterion outside 1..14 or twice,
// carry an unknown state, or are too long. complete also requires a state
// for every criterion, as submitting does.
func CheckAnswers(answers []Answer, complete bool) error {
	var seen [CriteriaCount + 1]bool
	answered := 0
	for _, a := range answers {
		switch {
		case a.Criterion < 1 || a.Criterion > CriteriaCount:
			return Errorf(EINVALID, "error.no_criterion", a.Criterion)
		case seen[a.Criterion]:
			return Errorf(EINVALID, "error.criterion_twice", a.Criterion)
		case a.State != "" && !ValidState(a.State):
			return Errorf(EINVALID, "error.criterion_state", a.Criterion, a.State)
		case utf8.RuneCountInString(a.Comment) > MaxCommentLen:
			return Errorf(EINVALID, "error.criterion_comment_long", a.Criterion, MaxCommentLen)
		case utf8.RuneCountInString(a.Evidence) > MaxEvidenceLen:
			return Errorf(EINVALID, "error.criterion_evidence_long", a.Criterion, MaxEvidenceLen)
		}
		seen[a.Criterion] = true
		if a.State != "" {
			answered++
		}
	}
	if complete && answered < CriteriaCount {
		var missing []int
		for n := 1; n <= CriteriaCount; n++ {
			if a, ok := (Assessment{Answers: answers}).Answer(n); !ok || a.State == "" {
				missing = append(missing, n)
			}
		}
		return Errorf(EINVALID, "error.criteria_missing", missing)
	}
	return nil
}
