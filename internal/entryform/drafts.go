package entryform

import (
	"context"
	"fmt"
	"time"

	"github.com/fcmn/infocentre/internal/store"
)

// DraftStore keeps the drafts of the form (the store).
type DraftStore interface {
	SaveFormDraft(ctx context.Context, d store.FormDraft) error
	FormDraft(ctx context.Context, accountID int64, org string, year int) (store.FormDraft, bool, error)
	DeleteFormDraft(ctx context.Context, accountID int64, org string, year int) error
}

// SaveDraft keeps the values of the form as typed, invalid ones included
// (the person corrects them later), as the account's draft of the form's
// administration and year.
func SaveDraft(ctx context.Context, st DraftStore, accountID int64, f Form, values map[string]string, now time.Time) error {
	d := store.FormDraft{AccountID: accountID, Organisation: f.Organisation, Year: f.Year, Fields: values, SavedAt: now}
	if err := st.SaveFormDraft(ctx, d); err != nil {
		return fmt.Errorf("entryform: save draft: %w", err)
	}
	return nil
}

// Draft returns the account's draft of the form, keeping only the fields
// the form still has (the catalogue may have changed since); false when
// there is none.
func Draft(ctx context.Context, st DraftStore, accountID int64, f Form) (store.FormDraft, bool, error) {
	d, ok, err := st.FormDraft(ctx, accountID, f.Organisation, f.Year)
	if err != nil || !ok {
		return d, ok, err
	}
	d.Fields = f.Values(func(name string) string { return d.Fields[name] })
	return d, true, nil
}

// Discard removes the account's draft of an administration and year, once
// the form's figures are submitted.
func Discard(ctx context.Context, st DraftStore, accountID int64, org string, year int) error {
	if err := st.DeleteFormDraft(ctx, accountID, org, year); err != nil {
		return fmt.Errorf("entryform: discard draft: %w", err)
	}
	return nil
}
