package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// CreateSession stores a session by the hash of its cookie token.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, accountID int64, csrf string, ttl time.Duration) error {
	if _, err := s.db.ExecContext(ctx, s.query("session_create"), tokenHash, accountID, csrf, int64(ttl.Seconds())); err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionAccount returns the account of a live session and its CSRF token;
// EUNAUTH when the session is unknown, expired or its account disabled.
func (s *Store) SessionAccount(ctx context.Context, tokenHash string) (domain.Account, string, error) {
	var a domain.Account
	var csrf string
	err := s.db.QueryRowContext(ctx, s.query("session_account"), tokenHash).
		Scan(&a.ID, &a.Email, &a.Role, &a.Organisation, &a.Disabled, &a.CreatedAt, &csrf)
	if errors.Is(err, sql.ErrNoRows) {
		return a, "", domain.Errorf(domain.EUNAUTH, "error.no_valid_session")
	}
	if err != nil {
		return a, "", fmt.Errorf("store: session: %w", err)
	}
	return a, csrf, nil
}

// DeleteSession ends a session (and sweeps expired ones).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.db.ExecContext(ctx, s.query("session_delete"), tokenHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// CreateToken stores an API token of acct by its hash, with by's audit
// entry (token_create, its prefix as detail), and returns its id.
func (s *Store) CreateToken(ctx context.Context, by domain.AuditEntry, acct domain.Account, tokenHash, prefix string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.query("token_create"), acct.ID, tokenHash, prefix).Scan(&id); err != nil {
			return err
		}
		by.Action, by.Subject, by.Detail = "token_create", acct.Email, prefix
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create token: %w", err)
	}
	return id, nil
}

// TokenAccount returns the account of a valid API token; EUNAUTH otherwise.
func (s *Store) TokenAccount(ctx context.Context, tokenHash string) (domain.Account, error) {
	var a domain.Account
	err := s.db.QueryRowContext(ctx, s.query("token_account"), tokenHash).
		Scan(&a.ID, &a.Email, &a.Role, &a.Organisation, &a.Disabled, &a.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return a, domain.Errorf(domain.EUNAUTH, "error.invalid_token")
	}
	if err != nil {
		return a, fmt.Errorf("store: token: %w", err)
	}
	return a, nil
}

// RevokeTokens revokes acct's tokens (only the one with this prefix if
// prefix is not empty), with by's audit entry (token_revoke), and says how
// many.
func (s *Store) RevokeTokens(ctx context.Context, by domain.AuditEntry, acct domain.Account, prefix string) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.query("token_revoke"), acct.ID, prefix)
		if err != nil {
			return err
		}
		for rows.Next() {
			n++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		by.Action, by.Subject, by.Detail = "token_revoke", acct.Email, fmt.Sprintf("%d revoked %s", n, prefix)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return 0, fmt.Errorf("store: revoke tokens: %w", err)
	}
	return n, nil
}

// Token is an API token as its owner and a coordinator see it: never the
// secret, only the prefix printed at creation.
type Token struct {
	ID        int64
	Prefix    string
	CreatedAt time.Time
	RevokedAt *time.Time
	AccountID int64
	Email     string
}

// Tokens lists the API tokens of one account, or everyone's when
// accountID is 0, newest first, revoked ones included.
func (s *Store) Tokens(ctx context.Context, accountID int64) ([]Token, error) {
	rows, err := s.db.QueryContext(ctx, s.query("token_list"), accountID)
	if err != nil {
		return nil, fmt.Errorf("store: list tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.Prefix, &t.CreatedAt, &t.RevokedAt, &t.AccountID, &t.Email); err != nil {
			return nil, fmt.Errorf("store: list tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeTokenPrefix revokes the live tokens with this prefix: of one
// account, or of anyone when accountID is 0, with by's audit entry
// (token_revoke) for each. It returns the accounts whose token was revoked;
// ENOTFOUND when there was none.
func (s *Store) RevokeTokenPrefix(ctx context.Context, by domain.AuditEntry, prefix string, accountID int64) ([]int64, error) {
	var ids []int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.query("token_revoke_prefix"), prefix, accountID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return domain.Errorf(domain.ENOTFOUND, "error.no_live_token", prefix)
		}
		for _, id := range ids {
			e := by
			e.Action, e.Detail = "token_revoke", prefix
			if err := tx.QueryRowContext(ctx, s.query("account_email"), id).Scan(&e.Subject); err != nil {
				return err
			}
			if err := s.auditIn(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: revoke token %s: %w", prefix, err)
	}
	return ids, nil
}
