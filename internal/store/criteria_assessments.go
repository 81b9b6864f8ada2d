package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// Assessment returns the self-assessment of org for year with its current
// answers; ENOTFOUND when there is none yet.
func (s *Store) Assessment(ctx context.Context, org string, year int) (domain.Assessment, error) {
	a, err := s.oneAssessment(ctx, s.db, s.query("criteria_assessment"), org, year)
	if err != nil {
		return a, fmt.Errorf("store: self-assessment %s/%d: %w", org, year, err)
	}
	return a, nil
}

// AssessmentByID returns self-assessment id with its current answers;
// ENOTFOUND when there is none.
func (s *Store) AssessmentByID(ctx context.Context, id int64) (domain.Assessment, error) {
	a, err := s.oneAssessment(ctx, s.db, s.query("criteria_assessment_by_id"), id)
	if err != nil {
		return a, fmt.Errorf("store: self-assessment %d: %w", id, err)
	}
	return a, nil
}

// AssessmentInbox lists the submitted self-assessments waiting for the
// coordinator, oldest submission first.
func (s *Store) AssessmentInbox(ctx context.Context) ([]domain.Assessment, error) {
	out, err := s.queryAssessments(ctx, s.db, s.query("criteria_inbox"))
	if err != nil {
		return nil, fmt.Errorf("store: self-assessment inbox: %w", err)
	}
	return out, nil
}

// AssessmentsOf returns the self-assessments of org by year, oldest first:
// the validated ones only when validatedOnly (what the public sees).
func (s *Store) AssessmentsOf(ctx context.Context, org string, validatedOnly bool) ([]domain.Assessment, error) {
	out, err := s.queryAssessments(ctx, s.db, s.query("criteria_of_organisation"), org, validatedOnly)
	if err != nil {
		return nil, fmt.Errorf("store: self-assessments of %s: %w", org, err)
	}
	return out, nil
}

// SaveAssessment writes answers, complete or not, to org's self-assessment
// for year, creating it as a draft, only while the assessment is a draft or
// returned. by's audit entry is appended in the same transaction, as for
// every change of a self-assessment; who may make it is internal/review's to
// decide.
func (s *Store) SaveAssessment(ctx context.Context, by domain.AuditEntry, org string, year int, answers []domain.Answer) (domain.Assessment, error) {
	if err := s.checkTarget(org, year); err != nil {
		return domain.Assessment{}, fmt.Errorf("store: save self-assessment %s/%d: %w", org, year, err)
	}
	if err := domain.CheckAnswers(answers, false); err != nil {
		return domain.Assessment{}, fmt.Errorf("store: save self-assessment %s/%d: %w", org, year, err)
	}
	a, err := s.writeAnswers(ctx, by, org, year, domain.ActionSave, answers, "")
	if err != nil {
		return a, fmt.Errorf("store: save self-assessment %s/%d: %w", org, year, err)
	}
	return a, nil
}

// CopyAssessment replaces the answers of org's self-assessment for year
// (creating it as a draft) by those of its latest earlier self-assessment,
// and returns the year copied from. ENOTFOUND when there is none to copy.
func (s *Store) CopyAssessment(ctx context.Context, by domain.AuditEntry, org string, year int) (domain.Assessment, int, error) {
	if err := s.checkTarget(org, year); err != nil {
		return domain.Assessment{}, 0, fmt.Errorf("store: copy self-assessment %s/%d: %w", org, year, err)
	}
	// Say first that the assessment can no longer change, rather than that
	// there is nothing to copy.
	cur, err := s.oneAssessment(ctx, s.db, s.query("criteria_assessment"), org, year)
	var de *domain.Error
	if err != nil && !(errors.As(err, &de) && de.Code == domain.ENOTFOUND) {
		return domain.Assessment{}, 0, fmt.Errorf("store: copy self-assessment %s/%d: %w", org, year, err)
	}
	if _, err := domain.NextStatus(cur.Status, domain.ActionCopy); err != nil {
		return domain.Assessment{}, 0, fmt.Errorf("store: copy self-assessment %s/%d: %w", org, year, err)
	}
	prev, err := s.oneAssessment(ctx, s.db, s.query("criteria_assessment_before"), org, year)
	if err != nil {
		if errors.As(err, &de) && de.Code == domain.ENOTFOUND {
			err = domain.Errorf(domain.ENOTFOUND, "error.no_assessment_before", org, year)
		}
		return domain.Assessment{}, 0, fmt.Errorf("store: copy self-assessment %s/%d: %w", org, year, err)
	}
	a, err := s.writeAnswers(ctx, by, org, year, domain.ActionCopy, prev.Answers, fmt.Sprintf("copied from %d", prev.Year))
	if err != nil {
		return a, 0, fmt.Errorf("store: copy self-assessment %s/%d: %w", org, year, err)
	}
	return a, prev.Year, nil
}

// SubmitAssessment hands org's self-assessment for year to the coordinator
// with answers, which must cover all 14 criteria; nil answers submit the
// saved ones. Only from draft or returned.
func (s *Store) SubmitAssessment(ctx context.Context, by domain.AuditEntry, org string, year int, answers []domain.Answer) (domain.Assessment, error) {
	if err := s.checkTarget(org, year); err != nil {
		return domain.Assessment{}, fmt.Errorf("store: submit self-assessment %s/%d: %w", org, year, err)
	}
	if answers == nil {
		saved, err := s.Assessment(ctx, org, year)
		if err != nil {
			return saved, err
		}
		answers = saved.Answers
	}
	if err := domain.CheckAnswers(answers, true); err != nil {
		return domain.Assessment{}, fmt.Errorf("store: submit self-assessment %s/%d: %w", org, year, err)
	}
	a, err := s.writeAnswers(ctx, by, org, year, domain.ActionSubmit, answers, "")
	if err != nil {
		return a, fmt.Errorf("store: submit self-assessment %s/%d: %w", org, year, err)
	}
	return a, nil
}

// ReturnAssessment sends a submitted self-assessment back to its
// administration with the coordinator's comment.
func (s *Store) ReturnAssessment(ctx context.Context, by domain.AuditEntry, id int64, comment string) (domain.Assessment, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.review(ctx, tx, by.Actor, id, domain.AssessmentReturned, domain.ActionReturn, comment)
		if err != nil {
			return err
		}
		by.Action, by.Subject = "criteria_"+domain.ActionReturn, assessmentSubject(id)
		by.Detail = fmt.Sprintf("%s %d: %s", a.Organisation, a.Year, comment)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return domain.Assessment{}, fmt.Errorf("store: return self-assessment %d: %w", id, conflictOf(err))
	}
	return s.AssessmentByID(ctx, id)
}

// ValidateAssessment accepts a submitted self-assessment and, in the same
// transaction, derives the indicator criteria_met (the number of criteria
// met; partly met does not count) as an approved submission of kind
// self_assessment, which the public figures take over any uploaded value.
func (s *Store) ValidateAssessment(ctx context.Context, by domain.AuditEntry, id int64, comment string) (domain.Assessment, domain.Submission, error) {
	a, err := s.AssessmentByID(ctx, id)
	if err != nil {
		return a, domain.Submission{}, err
	}
	if _, err := domain.NextStatus(a.Status, domain.ActionValidate); err != nil {
		return a, domain.Submission{}, fmt.Errorf("store: validate self-assessment %d: %w", id, err)
	}
	req := derivedRequest(a, by.Actor)
	// The import's pre-commit hook validates the assessment inside the
	// import's transaction: the status, the derived figure and the audit
	// entry change together or not at all, and an assessment that changed
	// meanwhile (its conditional update finds nothing) rolls the figure back.
	res, err := s.importFile(ctx, req, func(ctx context.Context, tx *sql.Tx, res ImportResult) error {
		if _, err := s.review(ctx, tx, by.Actor, id, domain.AssessmentValidated, domain.ActionValidate, comment); err != nil {
			return err
		}
		by.Action, by.Subject = "criteria_"+domain.ActionValidate, assessmentSubject(id)
		by.Detail = fmt.Sprintf("%s %d: %d of 14 met, criteria_met published as submission %d", a.Organisation, a.Year, a.Met(), res.Created[0].ID)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return a, domain.Submission{}, fmt.Errorf("store: validate self-assessment %d: %w", id, err)
	}
	if len(res.Created) != 1 {
		// The file name and hash carry the assessment's id and version, so an
		// earlier identical import cannot exist; if it did, the hook did not run.
		return a, domain.Submission{}, fmt.Errorf("store: validate self-assessment %d: derived criteria_met not written", id)
	}
	a, err = s.AssessmentByID(ctx, id)
	return a, res.Created[0], err
}

// derivedRequest is the submission that carries criteria_met for a
// validated assessment. Its hash covers the answers it was derived from.
func derivedRequest(a domain.Assessment, by string) ImportRequest {
	h := sha256.New()
	fmt.Fprintf(h, "self-assessment %d v%d %s %d\n", a.ID, a.Version, a.Organisation, a.Year)
	for _, ans := range a.Answers {
		fmt.Fprintf(h, "%d %s\n", ans.Criterion, ans.State)
	}
	return ImportRequest{
		FileName: fmt.Sprintf("self-assessment %s %d (v%d)", a.Organisation, a.Year, a.Version),
		SHA256:   hex.EncodeToString(h.Sum(nil)),
		Source:   by,
		Kind:     domain.KindSelfAssessment,
		Status:   domain.StatusApproved,
		Observations: []domain.Observation{{
			Organisation: a.Organisation, Year: a.Year, Indicator: "criteria_met", Value: float64(a.Met()),
		}},
	}
}

// AssessmentEvent is one action in the history of a self-assessment, with
// the answers it wrote (save, copy and submit).
type AssessmentEvent struct {
	ID      int64
	Action  string
	Status  string // the status it led to
	Actor   string
	At      time.Time
	Comment string
	Answers []domain.Answer
}

// AssessmentHistory returns every action on self-assessment id, oldest
// first: nothing of it is ever overwritten.
func (s *Store) AssessmentHistory(ctx context.Context, id int64) ([]AssessmentEvent, error) {
	rows, err := s.db.QueryContext(ctx, s.query("criteria_events"), id)
	if err != nil {
		return nil, fmt.Errorf("store: history of self-assessment %d: %w", id, err)
	}
	defer rows.Close()
	var out []AssessmentEvent
	for rows.Next() {
		var e AssessmentEvent
		var ans nullAnswer
		if err := rows.Scan(&e.ID, &e.Action, &e.Status, &e.Actor, &e.At, &e.Comment,
			&ans.criterion, &ans.state, &ans.comment, &ans.evidence); err != nil {
			return nil, fmt.Errorf("store: history of self-assessment %d: %w", id, err)
		}
		if n := len(out); n == 0 || out[n-1].ID != e.ID {
			out = append(out, e)
		}
		if a, ok := ans.answer(); ok {
			out[len(out)-1].Answers = append(out[len(out)-1].Answers, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: history of self-assessment %d: %w", id, err)
	}
	return out, nil
}

// checkTarget refuses an unknown organisation and an implausible year.
func (s *Store) checkTarget(org string, year int) error {
	if _, ok := s.Reference().Organisation(org); !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.no_organisation", org)
	}
	if year < domain.FirstYear || year > domain.LastYear {
		return domain.Errorf(domain.EINVALID, "error.year_out_of_range", year)
	}
	return nil
}

// assessmentSubject names a self-assessment in the audit log.
func assessmentSubject(id int64) string { return "assessment:" + strconv.FormatInt(id, 10) }

// writeAnswers runs a save, copy or submit: creates the assessment if
// needed, checks the transition, appends the event and its answers, moves
// the assessment to them and appends by's audit entry, in one transaction.
func (s *Store) writeAnswers(ctx context.Context, by domain.AuditEntry, org string, year int, action string, answers []domain.Answer, comment string) (domain.Assessment, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := s.oneAssessment(ctx, tx, s.query("criteria_assessment"), org, year)
		var de *domain.Error
		switch {
		case err == nil:
			id = cur.ID
		case errors.As(err, &de) && de.Code == domain.ENOTFOUND:
			if err := tx.QueryRowContext(ctx, s.query("criteria_assessment_create"), org, year, by.Actor).Scan(&id); err != nil {
				return fmt.Errorf("create: %w", err)
			}
			cur.Status = domain.AssessmentDraft
		default:
			return err
		}
		// A new assessment starts as a draft, so the transition is checked
		// from there.
		next, err := domain.NextStatus(cur.Status, action)
		if err != nil {
			return err
		}
		var event int64
		if err := tx.QueryRowContext(ctx, s.query("criteria_event_insert"), id, action, next, by.Actor, comment).Scan(&event); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
		if err := s.insertAnswers(ctx, tx, event, answers); err != nil {
			return err
		}
		var q string
		var args []any
		if action == domain.ActionSubmit {
			q, args = s.query("criteria_assessment_submit"), []any{id, event, by.Actor, cur.Status}
		} else {
			q, args = s.query("criteria_assessment_set_answers"), []any{id, event, next, by.Actor, cur.Status}
		}
		if err := expectRow(tx.QueryContext(ctx, q, args...)); err != nil {
			return err
		}
		by.Action, by.Subject = "criteria_"+action, assessmentSubject(id)
		by.Detail = fmt.Sprintf("%s %d: %s, %d of 14 met", org, year, next, domain.Assessment{Answers: answers}.Met())
		if comment != "" {
			by.Detail += " " + comment
		}
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return domain.Assessment{}, conflictOf(err)
	}
	return s.AssessmentByID(ctx, id)
}

// insertAnswers writes the answers of an event in one statement.
func (s *Store) insertAnswers(ctx context.Context, tx *sql.Tx, event int64, answers []domain.Answer) error {
	if len(answers) == 0 {
		return nil
	}
	criteria := make([]int32, len(answers)) // the driver binds INTEGER[] from []int32 only
	states := make([]string, len(answers))
	comments := make([]string, len(answers))
	evidence := make([]string, len(answers))
	for i, a := range answers {
		criteria[i], states[i], comments[i], evidence[i] = int32(a.Criterion), a.State, strings.TrimSpace(a.Comment), strings.TrimSpace(a.Evidence)
	}
	if _, err := tx.ExecContext(ctx, s.query("criteria_answers_insert"), event, criteria, states, comments, evidence); err != nil {
		return fmt.Errorf("write answers: %w", err)
	}
	return nil
}

// review validates or returns a submitted assessment inside tx, and
// returns its organisation and year.
func (s *Store) review(ctx context.Context, tx *sql.Tx, by string, id int64, status, action, comment string) (domain.Assessment, error) {
	a := domain.Assessment{ID: id}
	err := tx.QueryRowContext(ctx, s.query("criteria_assessment_review"), id, status, by, comment).Scan(&a.Organisation, &a.Year)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return a, domain.Errorf(domain.ECONFLICT, "error.assessment_not_waiting", id)
	case err != nil:
		return a, err
	}
	if _, err := tx.ExecContext(ctx, s.query("criteria_event_insert"), id, action, status, by, comment); err != nil {
		return a, fmt.Errorf("append event: %w", err)
	}
	return a, nil
}

// expectRow reads the result of a conditional UPDATE ... RETURNING: no row
// means the row was not in the expected state any more.
func expectRow(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return domain.Errorf(domain.ECONFLICT, "error.assessment_changed")
	}
	return rows.Close()
}

// conflictOf turns DuckDB refusing a concurrent write into ECONFLICT: two
// people changed the same assessment at once, and the second should reload.
func conflictOf(err error) error {
	if isWriteConflict(err) {
		return domain.Errorf(domain.ECONFLICT, "error.assessment_changed")
	}
	return err
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// oneAssessment runs a query of assessment-and-answer rows that names at
// most one assessment; ENOTFOUND when it names none.
func (s *Store) oneAssessment(ctx context.Context, q querier, query string, args ...any) (domain.Assessment, error) {
	out, err := s.queryAssessments(ctx, q, query, args...)
	if err != nil {
		return domain.Assessment{}, err
	}
	if len(out) == 0 {
		return domain.Assessment{}, domain.Errorf(domain.ENOTFOUND, "error.assessment_not_found")
	}
	return out[0], nil
}

// queryAssessments runs a query whose rows are an assessment's columns
// followed by one answer (NULL when it has none), grouped by assessment.
func (s *Store) queryAssessments(ctx context.Context, q querier, query string, args ...any) ([]domain.Assessment, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Assessment
	for rows.Next() {
		var a domain.Assessment
		var submittedAt, reviewedAt sql.NullTime
		var ans nullAnswer
		if err := rows.Scan(&a.ID, &a.Organisation, &a.Year, &a.Status, &a.Version, &a.Comment, &a.UpdatedBy, &a.UpdatedAt,
			&a.SubmittedBy, &submittedAt, &a.ReviewedBy, &reviewedAt,
			&ans.criterion, &ans.state, &ans.comment, &ans.evidence); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != a.ID {
			a.SubmittedAt, a.ReviewedAt = submittedAt.Time, reviewedAt.Time
			out = append(out, a)
		}
		if answer, ok := ans.answer(); ok {
			out[len(out)-1].Answers = append(out[len(out)-1].Answers, answer)
		}
	}
	return out, rows.Err()
}

// nullAnswer scans the answer columns of a LEFT JOIN.
type nullAnswer struct {
	criterion                sql.NullInt32
	state, comment, evidence sql.NullString
}

func (n nullAnswer) answer() (domain.Answer, bool) {
	if !n.criterion.Valid {
		return domain.Answer{}, false
	}
	return domain.Answer{Criterion: int(n.criterion.Int32), State: n.state.String, Comment: n.comment.String, Evidence: n.evidence.String}, true
}
