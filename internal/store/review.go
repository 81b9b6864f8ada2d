package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// reviewActions are the audit actions of the review statuses.
var reviewActions = map[string]string{domain.StatusApproved: "approve", domain.StatusReturned: "return"}

// Review sets submission sub, read before, to approved or returned (status)
// with the coordinator's comment, and appends by's audit entry (action
// approve or return, the submission as subject) in the same transaction.
// A submission no longer waiting for review, or reviewed by someone else in
// the same moment, is ECONFLICT. Who may review is
// internal/review's to decide.
func (s *Store) Review(ctx context.Context, by domain.AuditEntry, sub domain.Submission, status, comment string) (domain.Submission, error) {
	action, ok := reviewActions[status]
	if !ok {
		return domain.Submission{}, domain.Errorf(domain.EINVALID, "error.review_status", status)
	}
	id := sub.ID
	by.Action, by.Subject, by.Detail = action, strconv.FormatInt(id, 10), fmt.Sprintf("%s %d", sub.Organisation, sub.Year)
	if comment != "" {
		by.Detail += ": " + comment
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.query("review_set_status"), status, comment, id)
		if err != nil {
			return err
		}
		changed := rows.Next()
		if err := rows.Close(); err != nil {
			return err
		}
		if !changed {
			return domain.Errorf(domain.ECONFLICT, "error.submission_not_waiting", id, domain.Phrasef("status."+sub.Status))
		}
		return s.auditIn(ctx, tx, by)
	})
	if isWriteConflict(err) { // another review of it committed first
		err = domain.Errorf(domain.ECONFLICT, "error.review_conflict", id)
	}
	if err != nil {
		return sub, fmt.Errorf("store: review submission %d: %w", id, err)
	}
	sub.Status, sub.Comment = status, comment
	return sub, nil
}

// Inbox lists the submissions waiting for review, oldest first.
func (s *Store) Inbox(ctx context.Context) ([]domain.Submission, error) {
	rows, err := s.db.QueryContext(ctx, s.query("review_inbox"))
	if err != nil {
		return nil, fmt.Errorf("store: inbox: %w", err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("store: inbox: %w", err)
	}
	return subs, nil
}

// CompletenessCell is the state of one organisation-year.
type CompletenessCell struct {
	Organisation string
	Year         int
	Status       string // StatusMissing, StatusNotExpected, or a submission status
	LastAt       time.Time
}

// Completeness statuses besides those of submissions.
const (
	StatusMissing     = "missing"      // active, had to report, sent nothing
	StatusNotExpected = "not_expected" // not active that year, sent nothing
)

// Completeness returns, for every administration active in some year of
// [from, to] and every year of it, the furthest status its submissions
// reached, or "missing" when it had to report and did not, or
// "not_expected" for a year it was not active in (before it started, after
// it ended or merged) and sent nothing for.
func (s *Store) Completeness(ctx context.Context, from, to int) ([]CompletenessCell, error) {
	rows, err := s.db.QueryContext(ctx, s.query("review_completeness"))
	if err != nil {
		return nil, fmt.Errorf("store: completeness: %w", err)
	}
	defer rows.Close()
	type key struct {
		org  string
		year int
	}
	known := map[key]CompletenessCell{}
	for rows.Next() {
		var c CompletenessCell
		if err := rows.Scan(&c.Organisation, &c.Year, &c.Status, &c.LastAt); err != nil {
			return nil, fmt.Errorf("store: completeness: %w", err)
		}
		known[key{c.Organisation, c.Year}] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: completeness: %w", err)
	}
	var out []CompletenessCell
	for _, o := range s.Reference().Organisations {
		if o.FirstYear > to || (o.LastYear != 0 && o.LastYear < from) {
			continue
		}
		for y := from; y <= to; y++ {
			c, ok := known[key{o.Code, y}]
			switch {
			case ok:
			case o.ActiveIn(y):
				c = CompletenessCell{Organisation: o.Code, Year: y, Status: StatusMissing}
			default:
				c = CompletenessCell{Organisation: o.Code, Year: y, Status: StatusNotExpected}
			}
			out = append(out, c)
		}
	}
	return out, nil
}
