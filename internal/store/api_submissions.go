package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// SubmissionPage returns limit submissions from the offset-th of those of
// org ("" for every organisation) with status ("" for any), newest first
// except the waiting ones (oldest first), and how many there are in all:
// the API's paged list.
func (s *Store) SubmissionPage(ctx context.Context, org, status string, limit, offset int) ([]domain.Submission, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, s.query("api_submissions_count"), org, status).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count submissions of %q %q: %w", org, status, err)
	}
	rows, err := s.db.QueryContext(ctx, s.query("api_submissions_page"), org, status, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: page of submissions of %q %q: %w", org, status, err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, 0, fmt.Errorf("store: page of submissions of %q %q: %w", org, status, err)
	}
	return subs, total, nil
}
