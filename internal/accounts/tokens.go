package accounts

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// ShownLength is how much of a token is kept readable (its prefix, shown in
// lists and given to revoke it): auth.TokenPrefix and 8 characters.
const ShownLength = len(auth.TokenPrefix) + 8

// TokenStore is what minting a token needs of the store.
type TokenStore interface {
	CreateToken(ctx context.Context, by domain.AuditEntry, acct domain.Account, tokenHash, prefix string) (int64, error)
}

// Token is a token just made: the secret is shown once, only its hash is
// kept.
type Token struct {
	ID     int64
	Secret string
	Prefix string
}

// MintToken makes a token for acct and stores its hash with by's audit
// entry.
func MintToken(ctx context.Context, st TokenStore, by domain.AuditEntry, acct domain.Account) (Token, error) {
	secret, err := auth.NewSecret()
	if err != nil {
		return Token{}, fmt.Errorf("accounts: token of %s: %w", acct.Email, err)
	}
	t := Token{Secret: auth.TokenPrefix + secret}
	t.Prefix = t.Secret[:ShownLength]
	if t.ID, err = st.CreateToken(ctx, by, acct, auth.HashSecret(t.Secret), t.Prefix); err != nil {
		return Token{}, fmt.Errorf("accounts: token of %s: %w", acct.Email, err)
	}
	return t, nil
}
