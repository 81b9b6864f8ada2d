// Package review is the one place that says who may do what on
// submissions, registers and self-assessments, in which state, and that
// makes each change with its audit entry in the same transaction: a change
// is never kept without its entry, and a refused one writes none.
//
// The rules are plain functions returning domain errors with locale keys.
// The Desk applies them and makes the changes of the review workflow
// through the store, whose methods take the audit entry; the states a
// self-assessment moves through are domain.NextStatus, which the store
// applies inside the transaction against the row as it is then. Uploads (files and registers) are written by the importer
// and the register importer; their ownership rules are here, and their
// entry is given to them in their requests.
package review

import (
	"strings"
	"unicode/utf8"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/textrules"
)

// Actor is who acts and from where: the account the rules judge, and the
// address the audit log keeps.
type Actor struct {
	Account domain.Account
	Address string
}

// Entry is the audit entry of what a does, without its action, subject
// and detail, which the store fills in with the change.
func (a Actor) Entry() domain.AuditEntry {
	return domain.AuditEntry{Actor: a.Account.Email, Address: a.Address}
}

// MaySee lets an agency see the submissions of its own organisation only;
// another's does not exist for it, so that ids do not tell what others
// sent. The coordinator and the analyst see every submission.
func MaySee(a domain.Account, sub domain.Submission) error {
	if a.Role == auth.RoleAgency && sub.Organisation != a.Organisation {
		return domain.Errorf(domain.ENOTFOUND, "error.submission_not_found", sub.ID)
	}
	return nil
}

// MayDecide lets only the coordinator approve or return a submission.
func MayDecide(a domain.Account) error {
	if a.Role != auth.RoleCoordinator {
		return domain.Errorf(domain.EFORBIDDEN, "error.submission_coordinator_only")
	}
	return nil
}

// DecisionComment checks the comment of a decision (status approved or
// returned) and returns it trimmed: a return says why, and a comment is a
// text of at most textrules.Comment characters.
func DecisionComment(status, comment string) (string, error) {
	comment = strings.TrimSpace(comment)
	switch {
	case status != domain.StatusApproved && status != domain.StatusReturned:
		return "", domain.Errorf(domain.EINVALID, "error.review_status", status)
	case status == domain.StatusReturned && comment == "":
		return "", domain.Errorf(domain.EINVALID, "error.return_reason")
	}
	return comment, textrules.Text(domain.Phrasef("error.field.comment"), comment, textrules.Comment)
}

// Decidable tells whether sub waits for a decision: only a submitted one
// does; an approved or returned one is ECONFLICT.
func Decidable(sub domain.Submission) error {
	if sub.Status != domain.StatusSubmitted {
		return domain.Errorf(domain.ECONFLICT, "error.submission_not_waiting", sub.ID, domain.Phrasef("status."+sub.Status))
	}
	return nil
}

// NoteKind is the kind of note a writes on a value of a submission it may
// see, whatever the submission's status: the coordinator asks questions,
// an agency answers them (or explains). The analyst only reads.
func NoteKind(a domain.Account) (string, error) {
	switch a.Role {
	case auth.RoleCoordinator:
		return domain.NoteQuestion, nil
	case auth.RoleAgency:
		return domain.NoteAnswer, nil
	}
	return "", domain.Errorf(domain.EFORBIDDEN, "error.note_roles")
}

// Held says whether a note of kind on sub waits for the coordinator before
// it is published (the letter, the extracts): an agency's note on an
// approved submission, which no review has seen. A coordinator's question
// is the reviewer's own word.
func Held(sub domain.Submission, kind string) bool {
	return sub.Status == domain.StatusApproved && kind != domain.NoteQuestion
}

// NoteBody checks the text of a note (at most textrules.Note characters)
// and returns it trimmed.
func NoteBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return "", domain.Errorf(domain.EINVALID, "error.text_empty")
	}
	return body, textrules.Text(domain.Phrasef("error.field.note"), body, textrules.Note)
}

// UploadOrganisation is the organisation the files and registers a sends
// are bound to: an agency's own, or "" for the coordinator, who sends for
// any. An agency account bound to none, and the analyst, send nothing.
func UploadOrganisation(a domain.Account) (string, error) {
	switch a.Role {
	case auth.RoleCoordinator:
		return "", nil
	case auth.RoleAgency:
		if a.Organisation == "" {
			return "", domain.Errorf(domain.EFORBIDDEN, "error.no_organisation_bound")
		}
		return a.Organisation, nil
	}
	return "", domain.Errorf(domain.EFORBIDDEN, "error.upload_roles")
}

// TemplateOrganisation is the organisation whose year's template a may
// download when it asks for asked (possibly ""): an agency gets its own
// only, the coordinator names one, the analyst sends nothing and so gets
// none.
func TemplateOrganisation(a domain.Account, asked string) (string, error) {
	own, err := UploadOrganisation(a)
	switch {
	case err != nil:
		return "", err
	case own != "" && asked != "" && asked != own:
		return "", domain.Errorf(domain.EFORBIDDEN, "error.template_own_only", own)
	case own != "":
		return own, nil
	case asked == "":
		return "", domain.Errorf(domain.EINVALID, "error.template_org_required")
	}
	return asked, nil
}

// OwnFigures refuses a file bound to own (see UploadOrganisation) that
// carries figures of another organisation; a file of the coordinator's
// (own empty) may carry any.
func OwnFigures(own string, orgs []string) error {
	if o, ok := other(own, orgs); ok {
		return domain.Errorf(domain.EFORBIDDEN, "error.figures_of_other", o, own)
	}
	return nil
}

// OwnRegister is OwnFigures for a register: it refuses complaints of
// another organisation.
func OwnRegister(own string, orgs []string) error {
	if o, ok := other(own, orgs); ok {
		return domain.Errorf(domain.EFORBIDDEN, "error.register_of_other", o, own)
	}
	return nil
}

func other(own string, orgs []string) (string, bool) {
	if own == "" {
		return "", false
	}
	for _, o := range orgs {
		if o != own {
			return o, true
		}
	}
	return "", false
}

// MayAnswer lets only an agency account of org fill in org's
// self-assessment. Which answers it may still change is the state
// machine's (domain.NextStatus), applied with the change.
func MayAnswer(a domain.Account, org string) error {
	if a.Role != auth.RoleAgency || a.Organisation != org {
		return domain.Errorf(domain.EFORBIDDEN, "error.assessment_own_only", org)
	}
	return nil
}

// JudgeComment lets only the coordinator validate or return a
// self-assessment, and checks the comment, required for a return (action
// domain.ActionReturn), and returns it trimmed.
func JudgeComment(a domain.Account, action, comment string) (string, error) {
	comment = strings.TrimSpace(comment)
	switch {
	case a.Role != auth.RoleCoordinator:
		return "", domain.Errorf(domain.EFORBIDDEN, "error.assessment_coordinator_only")
	case action == domain.ActionReturn && comment == "":
		return "", domain.Errorf(domain.EINVALID, "error.assessment_return_reason")
	case utf8.RuneCountInString(comment) > domain.MaxCommentLen:
		return "", domain.Errorf(domain.EINVALID, "error.comment_too_long", domain.MaxCommentLen)
	}
	return comment, nil
}

// AnswerTexts refuses control characters in what an agency typed in its
// self-assessment: a comment keeps its line breaks and tabs, evidence (a
// link or a reference) is one line. Their lengths are domain.CheckAnswers'.
func AnswerTexts(answers []domain.Answer) error {
	for _, a := range answers {
		if err := textrules.Text(domain.Phrasef("error.field.criterion_comment", a.Criterion), a.Comment, domain.MaxCommentLen); err != nil {
			return err
		}
		if err := textrules.Line(domain.Phrasef("error.field.criterion_evidence", a.Criterion), strings.TrimSpace(a.Evidence), domain.MaxEvidenceLen); err != nil {
			return err
		}
	}
	return nil
}

// MysteryTexts does the same for a mystery-shopping check: its notes are
// a text of several lines, its sender one line.
func MysteryTexts(m domain.MysteryCheck) error {
	if err := textrules.Text(domain.Phrasef("error.field.mystery_notes"), m.Notes, domain.MaxNotesLen); err != nil {
		return err
	}
	return textrules.Line(domain.Phrasef("error.field.sent_by"), strings.TrimSpace(m.SentBy), domain.MaxEvidenceLen)
}

// MayRecordMystery lets only the coordinator record mystery-shopping
// checks.
func MayRecordMystery(a domain.Account) error {
	if a.Role != auth.RoleCoordinator {
		return domain.Errorf(domain.EFORBIDDEN, "error.mystery_coordinator_only")
	}
	return nil
}
