package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// History returns every submission of an organisation, all years and
// statuses, newest first, each with its number of observations.
func (s *Store) History(ctx context.Context, org string) ([]domain.Submission, error) {
	rows, err := s.db.QueryContext(ctx, s.query("store_history"), org)
	if err != nil {
		return nil, fmt.Errorf("store: history %s: %w", org, err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("store: history %s: %w", org, err)
	}
	return subs, nil
}

// Submission returns one submission and its observations, ordered by
// indicator and breakdown. A missing id is a domain.ENOTFOUND error.
func (s *Store) Submission(ctx context.Context, id int64) (domain.Submission, []domain.Observation, error) {
	rows, err := s.db.QueryContext(ctx, s.query("store_submission"), id)
	if err != nil {
		return domain.Submission{}, nil, fmt.Errorf("store: submission %d: %w", id, err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return domain.Submission{}, nil, fmt.Errorf("store: submission %d: %w", id, err)
	}
	if len(subs) == 0 {
		return domain.Submission{}, nil, domain.Errorf(domain.ENOTFOUND, "error.submission_not_found", id)
	}
	obs, err := queryObservations(ctx, s.db, s.query("store_submission_observations"), id)
	if err != nil {
		return domain.Submission{}, nil, fmt.Errorf("store: submission %d observations: %w", id, err)
	}
	return subs[0], obs, nil
}

// scanSubmissions reads and closes rows whose columns are those of the
// submissions table followed by the number of observations.
func scanSubmissions(rows *sql.Rows) ([]domain.Submission, error) {
	defer rows.Close()
	var out []domain.Submission
	for rows.Next() {
		var sub domain.Submission
		if err := rows.Scan(&sub.ID, &sub.Organisation, &sub.Year, &sub.Version, &sub.FileName, &sub.SHA256,
			&sub.Source, &sub.Kind, &sub.Status, &sub.Comment, &sub.CreatedAt, &sub.Observations); err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}
