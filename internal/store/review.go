package store

import (
	"context"
	"fmt"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// Review sets a submitted submission to approved or returned, with the
// coordinator's comment. A submission that is not waiting for review is
// ECONFLICT; an unknown one ENOTFOUND.
func (s *Store) Review(ctx context.Context, id int64, status, comment string) (domain.Submission, error) {
	if status != domain.StatusApproved && status != domain.StatusReturned {
		return domain.Submission{}, domain.Errorf(domain.EINVALID, "error.review_status", status)
	}
	sub, _, err := s.Submission(ctx, id)
	if err != nil {
		return sub, err
	}
	rows, err := s.db.QueryContext(ctx, s.query("review_set_status"), status, comment, id)
	if err != nil {
		return sub, fmt.Errorf("store: review submission %d: %w", id, err)
	}
	changed := rows.Next()
	rows.Close()
	if !changed {
		return sub, domain.Errorf(domain.ECONFLICT, "error.submission_not_waiting", id, domain.Phrasef("status."+sub.Status))
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
