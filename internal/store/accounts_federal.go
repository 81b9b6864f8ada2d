package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
)

// FederalIdentity is who the federal authentication service says signed in.
type FederalIdentity struct {
	Subject       string
	Email         string
	EmailVerified bool
	Language      string // nl, fr, en, or empty when the identity gives none
}

// FederalSignIn is the rule of who gets in with a federal identity. The
// identity matches an existing account by its e-mail address, ignoring
// case, and only when the provider verified the address; the account must
// be enabled. The first sign-in binds the account to the identity's
// subject; from then on the subject must match, so that an address re-used
// at the provider cannot take over the account, and one subject is bound
// to one account at most. While the person has not chosen a language, the
// identity's sets it. Nobody gets an account or a role this way.
//
// The binding, the language and by's audit entry (login_fas; account_bind_fas
// and account_language when they change) are written in one transaction. A
// refusal is EFORBIDDEN saying why, and changes nothing.
func (s *Store) FederalSignIn(ctx context.Context, by domain.AuditEntry, id FederalIdentity) (domain.Account, error) {
	var a domain.Account
	if !id.EmailVerified {
		return a, domain.Errorf(domain.EFORBIDDEN, "error.fas.email_unverified", id.Email)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var bound, lang string
		var chosen bool
		err := tx.QueryRowContext(ctx, s.query("account_federal_by_email"), strings.TrimSpace(id.Email)).
			Scan(&a.ID, &a.Email, &a.Role, &a.Organisation, &a.Disabled, &a.CreatedAt, &bound, &chosen, &lang)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return domain.Errorf(domain.EFORBIDDEN, "error.fas.no_account", id.Email)
		case err != nil:
			return err
		case a.Disabled:
			return domain.Errorf(domain.EFORBIDDEN, "error.fas.disabled", a.Email)
		case bound != "" && bound != id.Subject:
			return domain.Errorf(domain.EFORBIDDEN, "error.fas.subject_mismatch", a.Email)
		}
		entry := by
		entry.Subject = a.Email
		if bound == "" {
			var taken bool
			if err := tx.QueryRowContext(ctx, s.query("account_federal_subject_taken"), id.Subject, a.ID).Scan(&taken); err != nil {
				return err
			}
			if taken {
				return domain.Errorf(domain.EFORBIDDEN, "error.fas.subject_taken", a.Email)
			}
			if _, err := tx.ExecContext(ctx, s.query("account_federal_bind"), id.Subject, a.ID); err != nil {
				return err
			}
			entry.Action, entry.Detail = "account_bind_fas", "sub="+id.Subject
			if err := s.auditIn(ctx, tx, entry); err != nil {
				return err
			}
		}
		if id.Language != "" && !chosen && id.Language != lang {
			if _, err := tx.ExecContext(ctx, s.query("account_set_language_unchosen"), id.Language, a.ID); err != nil {
				return err
			}
			entry.Action, entry.Detail = "account_language", id.Language+" (locale of the federal identity)"
			if err := s.auditIn(ctx, tx, entry); err != nil {
				return err
			}
		}
		entry.Action, entry.Detail = "login_fas", strings.TrimSpace("sub="+id.Subject+" "+a.Role)
		return s.auditIn(ctx, tx, entry)
	})
	if err != nil {
		return a, fmt.Errorf("store: federal sign-in %s: %w", id.Email, err)
	}
	return a, nil
}

// UnbindFederal forgets the federal identity an account is bound to, with
// by's audit entry (account_unbind_fas): its next federal sign-in binds it
// again. ENOTFOUND when the account is not bound (or does not exist).
func (s *Store) UnbindFederal(ctx context.Context, by domain.AuditEntry, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.query("account_federal_unbind"), id).Scan(&by.Subject)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "error.fas.not_bound", id)
		}
		if err != nil {
			return err
		}
		by.Action = "account_unbind_fas"
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return fmt.Errorf("store: unbind federal identity of account %d: %w", id, err)
	}
	return nil
}

// FederallyBound returns the ids of the accounts bound to a federal identity.
func (s *Store) FederallyBound(ctx context.Context) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, s.query("account_federal_bound"))
	if err != nil {
		return nil, fmt.Errorf("store: federally bound accounts: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: federally bound accounts: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
