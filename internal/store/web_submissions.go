package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// AllSubmissions returns the latest submissions of every organisation,
// newest first, at most limit of them: the coordinator's list.
func (s *Store) AllSubmissions(ctx context.Context, limit int) ([]domain.Submission, error) {
	rows, err := s.db.QueryContext(ctx, s.query("web_submissions_all"), limit)
	if err != nil {
		return nil, fmt.Errorf("store: all submissions: %w", err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("store: all submissions: %w", err)
	}
	return subs, nil
}
