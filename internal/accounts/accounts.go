// Package accounts holds the rules of accounts and API tokens, which the
// CLI, the site and the API all go through: what a new account must be
// (e-mail address, role, administration, password) and how a token is made.
package accounts

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/textrules"
)

// MinPasswordLength is the least number of characters (not bytes: "é"
// counts once) of a password a person chooses.
const MinPasswordLength = 12

// generatedLength is the length of a generated password: 20 characters of
// base64, 120 bits.
const generatedLength = 20

// Organisations is the part of the reference catalogue the rules read.
type Organisations interface {
	Organisation(code string) (reference.Organisation, bool)
}

// Store is what creating an account needs of the store.
type Store interface {
	CreateAccount(ctx context.Context, by domain.AuditEntry, na store.NewAccount) (domain.Account, error)
}

// Hasher turns a password into what is stored (auth.HashPassword; the site
// runs it in its bounded pool).
type Hasher func(ctx context.Context, password string) (string, error)

// Request is an account to create as a person asks for it. Without a
// password one is generated.
type Request struct {
	Email        string
	Role         string
	Organisation string
	Password     string
}

// Created is the account made, with its password when it was generated (to
// show once).
type Created struct {
	domain.Account
	Password  string
	Generated bool
}

// Check normalises a request (address trimmed and in lower case, code of
// the administration in upper case) and checks it: a valid address, a known
// role, an agency bound to a known administration and no other account
// bound to one, a password of at least MinPasswordLength characters when
// one is given.
func Check(orgs Organisations, r Request) (Request, error) {
	r.Email = strings.ToLower(strings.TrimSpace(r.Email))
	r.Organisation = strings.ToUpper(strings.TrimSpace(r.Organisation))
	if err := textrules.EmailAddress(r.Email); err != nil {
		return r, err
	}
	switch {
	case !auth.ValidRole(r.Role):
		return r, domain.Errorf(domain.EINVALID, "accounts.bad_role", r.Role)
	case r.Role == auth.RoleAgency && r.Organisation == "":
		return r, domain.Errorf(domain.EINVALID, "accounts.need_org")
	case r.Role != auth.RoleAgency && r.Organisation != "":
		return r, domain.Errorf(domain.EINVALID, "accounts.org_agency_only")
	}
	if r.Organisation != "" {
		if _, ok := orgs.Organisation(r.Organisation); !ok {
			return r, domain.Errorf(domain.EINVALID, "error.unknown_organisation", r.Organisation)
		}
	}
	if r.Password != "" {
		if err := CheckPassword(r.Password); err != nil {
			return r, err
		}
	}
	return r, nil
}

// CheckPassword refuses a password shorter than MinPasswordLength
// characters.
func CheckPassword(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return domain.Errorf(domain.EINVALID, "accounts.short_password", MinPasswordLength)
	}
	return nil
}

// Create checks r, generates a password when it has none, hashes it and
// stores the account with by's audit entry.
func Create(ctx context.Context, st Store, orgs Organisations, hash Hasher, by domain.AuditEntry, r Request) (Created, error) {
	r, err := Check(orgs, r)
	if err != nil {
		return Created{}, err
	}
	out := Created{Password: r.Password}
	if out.Password == "" {
		secret, err := auth.NewSecret()
		if err != nil {
			return Created{}, fmt.Errorf("accounts: create %s: %w", r.Email, err)
		}
		out.Password, out.Generated = secret[:generatedLength], true
	}
	h, err := hash(ctx, out.Password)
	if err != nil {
		return Created{}, fmt.Errorf("accounts: create %s: %w", r.Email, err)
	}
	out.Account, err = st.CreateAccount(ctx, by, store.NewAccount{Email: r.Email, Role: r.Role, Organisation: r.Organisation, PasswordHash: h})
	return out, err
}
