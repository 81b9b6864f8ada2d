package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
)

// NewAccount is what creating an account needs.
type NewAccount struct {
	Email        string
	Role         string
	Organisation string
	PasswordHash string
}

// CreateAccount stores an account with by's audit entry (account_create)
// in one transaction; an email already in use is ECONFLICT.
func (s *Store) CreateAccount(ctx context.Context, by domain.AuditEntry, na NewAccount) (domain.Account, error) {
	var a domain.Account
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.query("account_create"), strings.ToLower(na.Email), na.Role, na.Organisation, na.PasswordHash).
			Scan(&a.ID, &a.Email, &a.Role, &a.Organisation, &a.Disabled, &a.CreatedAt)
		if err != nil {
			return err
		}
		by.Action, by.Subject, by.Detail = "account_create", a.Email, strings.TrimSpace(a.Role+" "+a.Organisation)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		if strings.Contains(err.Error(), "Duplicate key") || strings.Contains(err.Error(), "unique") {
			return a, domain.Errorf(domain.ECONFLICT, "error.account_exists", na.Email)
		}
		return a, fmt.Errorf("store: create account %s: %w", na.Email, err)
	}
	return a, nil
}

// AccountByEmail returns the account and its password hash; ENOTFOUND when
// there is none.
func (s *Store) AccountByEmail(ctx context.Context, email string) (domain.Account, string, error) {
	var a domain.Account
	var hash string
	err := s.db.QueryRowContext(ctx, s.query("account_by_email"), email).
		Scan(&a.ID, &a.Email, &a.Role, &a.Organisation, &a.Disabled, &a.CreatedAt, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return a, "", domain.Errorf(domain.ENOTFOUND, "error.no_account_email", email)
	}
	if err != nil {
		return a, "", fmt.Errorf("store: account %s: %w", email, err)
	}
	return a, hash, nil
}

// Accounts lists every account by email.
func (s *Store) Accounts(ctx context.Context) ([]domain.Account, error) {
	rows, err := s.db.QueryContext(ctx, s.query("account_list"))
	if err != nil {
		return nil, fmt.Errorf("store: list accounts: %w", err)
	}
	defer rows.Close()
	var out []domain.Account
	for rows.Next() {
		var a domain.Account
		if err := rows.Scan(&a.ID, &a.Email, &a.Role, &a.Organisation, &a.Disabled, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: list accounts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetAccountDisabled disables or enables an account, with by's audit entry
// (account_disable or account_enable); ENOTFOUND when there is none.
// Disabling ends its sessions and revokes its API tokens in the same
// transaction, so that enabling it again revives neither: the person signs
// in again and asks for a new token.
func (s *Store) SetAccountDisabled(ctx context.Context, by domain.AuditEntry, id int64, disabled bool) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: disable account %d: %w", id, err)
	}
	defer tx.Rollback()
	var email string
	err = tx.QueryRowContext(ctx, s.query("account_set_disabled"), disabled, id).Scan(&email)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return domain.Errorf(domain.ENOTFOUND, "error.account_not_found", id)
	case err != nil:
		return fmt.Errorf("store: disable account %d: %w", id, err)
	}
	if disabled {
		if _, err := tx.ExecContext(ctx, s.query("session_delete_account"), id); err != nil {
			return fmt.Errorf("store: end sessions of account %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, s.query("token_revoke_account"), id); err != nil {
			return fmt.Errorf("store: revoke tokens of account %d: %w", id, err)
		}
	}
	by.Action, by.Subject = "account_enable", email
	if disabled {
		by.Action = "account_disable"
	}
	if err := s.auditIn(ctx, tx, by); err != nil {
		return fmt.Errorf("store: disable account %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: disable account %d: %w", id, err)
	}
	return nil
}

// SetPassword replaces an account's password hash.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string) error {
	if _, err := s.db.ExecContext(ctx, s.query("account_set_password"), hash, id); err != nil {
		return fmt.Errorf("store: set password of account %d: %w", id, err)
	}
	return nil
}
