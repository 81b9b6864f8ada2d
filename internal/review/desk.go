package review

import (
	"context"
	"fmt"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// Desk makes the changes of the review workflow: each is checked against
// the rules first, then written with its audit entry in one transaction.
type Desk struct {
	st *store.Store
}

// New returns a desk writing to st.
func New(st *store.Store) *Desk { return &Desk{st: st} }

// Submission returns submission id with its observations, if a may see it.
func (d *Desk) Submission(ctx context.Context, a domain.Account, id int64) (domain.Submission, []domain.Observation, error) {
	sub, obs, err := d.st.Submission(ctx, id)
	if err != nil {
		return domain.Submission{}, nil, err
	}
	if err := MaySee(a, sub); err != nil {
		return domain.Submission{}, nil, err
	}
	return sub, obs, nil
}

// NotePage returns at most limit notes of submission id after the first
// offset, and how many it has, if a may see the submission.
func (d *Desk) NotePage(ctx context.Context, a domain.Account, id int64, limit, offset int) ([]domain.ValueNote, int, error) {
	if _, _, err := d.Submission(ctx, a, id); err != nil {
		return nil, 0, err
	}
	return d.st.ValueNotePage(ctx, id, limit, offset)
}

// Decide approves or returns (status) submission id with the comment.
func (d *Desk) Decide(ctx context.Context, by Actor, id int64, status, comment string) (domain.Submission, error) {
	if err := MayDecide(by.Account); err != nil {
		return domain.Submission{}, err
	}
	comment, err := DecisionComment(status, comment)
	if err != nil {
		return domain.Submission{}, err
	}
	sub, _, err := d.st.Submission(ctx, id)
	if err != nil {
		return sub, err
	}
	if err := Decidable(sub); err != nil {
		return sub, err
	}
	// The store changes the status only if it is still submitted.
	return d.st.Review(ctx, by.Entry(), sub, status, comment)
}

// AddNote writes by's note on the value (indicator, breakdown) of
// submission id, a question of the coordinator's or an agency's answer, and
// returns the submission and the stored note.
func (d *Desk) AddNote(ctx context.Context, by Actor, id int64, indicator, breakdown, body string, now time.Time) (domain.Submission, domain.ValueNote, error) {
	sub, obs, err := d.Submission(ctx, by.Account, id)
	if err != nil {
		return sub, domain.ValueNote{}, err
	}
	kind, err := NoteKind(by.Account)
	if err != nil {
		return sub, domain.ValueNote{}, err
	}
	if body, err = NoteBody(body); err != nil {
		return sub, domain.ValueNote{}, err
	}
	found := false
	for _, o := range obs {
		found = found || (o.Indicator == indicator && o.Breakdown == breakdown)
	}
	if !found {
		return sub, domain.ValueNote{}, domain.Errorf(domain.EINVALID, "error.submission_no_value", sub.ID, indicator, breakdown)
	}
	n := domain.ValueNote{SubmissionID: sub.ID, Indicator: indicator, Breakdown: breakdown, Author: by.Account.Email, Body: body, Kind: kind,
		Held: Held(sub, kind)}
	stored, err := d.st.AddValueNote(ctx, by.Entry(), n, now)
	return sub, stored, err
}

// AcceptNotes publishes the held notes of submission id (Held) once the
// coordinator has read them, and returns how many there were.
func (d *Desk) AcceptNotes(ctx context.Context, by Actor, id int64) (int, error) {
	if err := MayDecide(by.Account); err != nil {
		return 0, err
	}
	if _, _, err := d.st.Submission(ctx, id); err != nil {
		return 0, err
	}
	return d.st.AcceptNotes(ctx, by.Entry(), id)
}

// SaveAssessment writes answers, complete or not, to org's self-assessment
// for year.
func (d *Desk) SaveAssessment(ctx context.Context, by Actor, org string, year int, answers []domain.Answer) (domain.Assessment, error) {
	if err := MayAnswer(by.Account, org); err != nil {
		return domain.Assessment{}, err
	}
	if err := AnswerTexts(answers); err != nil {
		return domain.Assessment{}, err
	}
	return d.st.SaveAssessment(ctx, by.Entry(), org, year, answers)
}

// CopyAssessment fills org's self-assessment for year with the answers of
// its latest earlier one, and returns the year copied from.
func (d *Desk) CopyAssessment(ctx context.Context, by Actor, org string, year int) (domain.Assessment, int, error) {
	if err := MayAnswer(by.Account, org); err != nil {
		return domain.Assessment{}, 0, err
	}
	return d.st.CopyAssessment(ctx, by.Entry(), org, year)
}

// SubmitAssessment hands org's self-assessment for year to the coordinator
// with answers for all 14 criteria (nil: the saved ones).
func (d *Desk) SubmitAssessment(ctx context.Context, by Actor, org string, year int, answers []domain.Answer) (domain.Assessment, error) {
	if err := MayAnswer(by.Account, org); err != nil {
		return domain.Assessment{}, err
	}
	if err := AnswerTexts(answers); err != nil {
		return domain.Assessment{}, err
	}
	return d.st.SubmitAssessment(ctx, by.Entry(), org, year, answers)
}

// ValidateAssessment accepts submitted self-assessment id, which publishes
// its criteria_met as the returned submission.
func (d *Desk) ValidateAssessment(ctx context.Context, by Actor, id int64, comment string) (domain.Assessment, domain.Submission, error) {
	comment, err := JudgeComment(by.Account, domain.ActionValidate, comment)
	if err != nil {
		return domain.Assessment{}, domain.Submission{}, fmt.Errorf("review: validate self-assessment %d: %w", id, err)
	}
	return d.st.ValidateAssessment(ctx, by.Entry(), id, comment)
}

// ReturnAssessment sends submitted self-assessment id back to its
// administration with the comment, which is required.
func (d *Desk) ReturnAssessment(ctx context.Context, by Actor, id int64, comment string) (domain.Assessment, error) {
	comment, err := JudgeComment(by.Account, domain.ActionReturn, comment)
	if err != nil {
		return domain.Assessment{}, fmt.Errorf("review: return self-assessment %d: %w", id, err)
	}
	return d.st.ReturnAssessment(ctx, by.Entry(), id, comment)
}

// RecordMysteryCheck stores a mystery-shopping check; summary says in the
// audit log what it found.
func (d *Desk) RecordMysteryCheck(ctx context.Context, by Actor, m domain.MysteryCheck, summary string) (domain.MysteryCheck, error) {
	if err := MayRecordMystery(by.Account); err != nil {
		return m, err
	}
	if err := MysteryTexts(m); err != nil {
		return m, err
	}
	e := by.Entry()
	e.Detail = summary
	return d.st.RecordMysteryCheck(ctx, e, m)
}
