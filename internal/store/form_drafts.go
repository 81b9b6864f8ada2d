package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// FormDraft is the online form of one administration and year as an
// account left it: the fields as typed, by field name.
type FormDraft struct {
	AccountID    int64
	Organisation string
	Year         int
	Fields       map[string]string
	SavedAt      time.Time
}

// SaveFormDraft keeps d, replacing the account's earlier draft of the same
// administration and year.
func (s *Store) SaveFormDraft(ctx context.Context, d FormDraft) error {
	fields, err := json.Marshal(d.Fields)
	if err != nil {
		return fmt.Errorf("store: save form draft %s/%d: %w", d.Organisation, d.Year, err)
	}
	if _, err := s.db.ExecContext(ctx, s.query("form_draft_save"), d.AccountID, d.Organisation, d.Year, string(fields), d.SavedAt); err != nil {
		return fmt.Errorf("store: save form draft %s/%d: %w", d.Organisation, d.Year, err)
	}
	return nil
}

// FormDraft returns the account's draft of an administration and year;
// false when it has none.
func (s *Store) FormDraft(ctx context.Context, accountID int64, org string, year int) (FormDraft, bool, error) {
	d := FormDraft{AccountID: accountID, Organisation: org, Year: year}
	var fields string
	err := s.db.QueryRowContext(ctx, s.query("form_draft"), accountID, org, year).Scan(&fields, &d.SavedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err == nil {
		err = json.Unmarshal([]byte(fields), &d.Fields)
	}
	if err != nil {
		return d, false, fmt.Errorf("store: form draft %s/%d: %w", org, year, err)
	}
	return d, true, nil
}

// DeleteFormDraft removes the account's draft of an administration and
// year, if any.
func (s *Store) DeleteFormDraft(ctx context.Context, accountID int64, org string, year int) error {
	if _, err := s.db.ExecContext(ctx, s.query("form_draft_delete"), accountID, org, year); err != nil {
		return fmt.Errorf("store: delete form draft %s/%d: %w", org, year, err)
	}
	return nil
}
