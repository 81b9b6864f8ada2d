package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

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

// auditIn appends e inside tx: the entry is kept exactly when the change it
// records is, and a change whose entry cannot be written is not kept.
func (s *Store) auditIn(ctx context.Context, tx *sql.Tx, e domain.AuditEntry) error {
	if _, err := tx.ExecContext(ctx, s.query("audit_append"), e.Actor, e.Action, e.Subject, e.Detail, e.Address); err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Actor, e.Action, err)
	}
	return nil
}

// AuditRepeated appends e, unless an entry of the same action, subject,
// address and actor was appended less than window ago: then it counts one
// more repeat of that entry (shown with its count; its detail is the
// first's), so that a burst of blocked attempts or refused uploads is one
// line of the log.
func (s *Store) AuditRepeated(ctx context.Context, e domain.AuditEntry, window time.Duration) error {
	err := retryConflicts(ctx, "audit", func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var id int64
		if err := tx.QueryRowContext(ctx, s.query("audit_repeat_find"), e.Action, e.Subject, e.Address, int64(window.Seconds()), e.Actor).Scan(&id); err != nil {
			return err
		}
		if id == 0 {
			_, err = tx.ExecContext(ctx, s.query("audit_append"), e.Actor, e.Action, e.Subject, e.Detail, e.Address)
		} else {
			_, err = tx.ExecContext(ctx, s.query("audit_repeat_count"), id)
		}
		if err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		return fmt.Errorf("store: audit %s %s: %w", e.Actor, e.Action, err)
	}
	return nil
}

// AuditFilter selects entries of the audit log; a zero field selects all.
type AuditFilter struct {
	Actor, Action string
	From, To      time.Time // at or after From, before To
}

// AuditLog returns the latest entries, newest first, filtered by actor and
// action when they are not empty.
func (s *Store) AuditLog(ctx context.Context, actor, action string, limit int) ([]domain.AuditEntry, error) {
	return s.AuditEntries(ctx, AuditFilter{Actor: actor, Action: action}, limit, 0)
}

// AuditPage returns at most limit entries of f after the first offset,
// newest first, and how many entries f selects in all.
func (s *Store) AuditPage(ctx context.Context, f AuditFilter, limit, offset int) ([]domain.AuditEntry, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, s.query("audit_count"), f.args()...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count the audit log: %w", err)
	}
	entries, err := s.AuditEntries(ctx, f, limit, offset)
	return entries, total, err
}

// args are the parameters $1 to $4 of audit_list and audit_count.
func (f AuditFilter) args() []any {
	var from, to *time.Time
	if !f.From.IsZero() {
		from = &f.From
	}
	if !f.To.IsZero() {
		to = &f.To
	}
	return []any{f.Actor, f.Action, from, to}
}

// AuditEntries returns at most limit entries of f after the first offset,
// newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter, limit, offset int) ([]domain.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, s.query("audit_list"), append(f.args(), limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []domain.AuditEntry
	for rows.Next() {
		var e domain.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Subject, &e.Detail, &e.Address, &e.Count); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
