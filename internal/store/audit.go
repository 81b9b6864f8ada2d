package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// Audit appends one entry to the audit log. There is no method to change
// or delete entries.
func (s *Store) Audit(ctx context.Context, e domain.AuditEntry) error {
	if _, err := s.db.ExecContext(ctx, s.query("audit_append"), e.Actor, e.Action, e.Subject, e.Detail, e.Address); err != nil {
		return fmt.Errorf("store: audit %s %s: %w", e.Actor, e.Action, err)
	}
	return nil
}

// AuditLog returns the latest entries, newest first, filtered by actor and
// action when they are not empty.
func (s *Store) AuditLog(ctx context.Context, actor, action string, limit int) ([]domain.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, s.query("audit_list"), actor, action, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []domain.AuditEntry
	for rows.Next() {
		var e domain.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Subject, &e.Detail, &e.Address); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
