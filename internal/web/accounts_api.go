package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/textrules"
)

// accountJSON is an account in the API, with its generated password once.
type accountJSON struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	Role         string `json:"role"`
	Organisation string `json:"organisation"`
	Password     string `json:"password,omitempty"`
}

// apiAccountCreate is POST /api/v1/accounts with {"email", "role",
// "organisation" (agencies only), "password" (optional: without one a
// password is generated and answered once)}: 201 with the account, 409
// when the email has one. `infocentre user add --server` calls it.
func (s *Server) apiAccountCreate(c echo.Context) error {
	var body accountJSON
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	email := strings.ToLower(strings.TrimSpace(body.Email))
	org := strings.ToUpper(body.Organisation)
	if err := textrules.EmailAddress(email); err != nil {
		return err
	}
	switch {
	case !auth.ValidRole(body.Role):
		return domain.Errorf(domain.EINVALID, "accounts.bad_role")
	case body.Role == auth.RoleAgency:
		if _, ok := s.ref().Organisation(org); !ok {
			return domain.Errorf(domain.EINVALID, "accounts.need_org")
		}
	case org != "":
		return domain.Errorf(domain.EINVALID, "error.cli.org_agency_only")
	}
	password := body.Password
	generated := password == ""
	if generated {
		secret, err := auth.NewSecret()
		if err != nil {
			return fmt.Errorf("web: create account: %w", err)
		}
		password = secret[:20]
	} else if len([]rune(password)) < minPasswordLength {
		return domain.Errorf(domain.EINVALID, "accounts.short_password")
	}
	var hash string
	var herr error
	if err := s.hashes.Run(c.Request().Context(), func() { hash, herr = auth.HashPassword(password) }); err != nil {
		return fmt.Errorf("web: create account: %w", err)
	}
	if herr != nil {
		return fmt.Errorf("web: create account: %w", herr)
	}
	a, err := s.st.CreateAccount(c.Request().Context(), s.actor(c).Entry(), store.NewAccount{Email: email, Role: body.Role, Organisation: org, PasswordHash: hash})
	if err != nil {
		return err
	}
	out := accountJSON{ID: a.ID, Email: a.Email, Role: a.Role, Organisation: a.Organisation}
	if generated {
		out.Password = password
	}
	return c.JSON(http.StatusCreated, out)
}

// apiAccountTokensRevoke is DELETE /api/v1/accounts/:email/tokens
// [?prefix=ic_xxxxxxxx]: revokes the account's live tokens, or the one with
// that prefix; 200 {"email", "revoked"}. `infocentre token revoke --server`
// calls it.
func (s *Server) apiAccountTokensRevoke(c echo.Context) error {
	ctx := c.Request().Context()
	acct, _, err := s.st.AccountByEmail(ctx, strings.ToLower(c.Param("email")))
	if err != nil {
		return err
	}
	n, err := s.st.RevokeTokens(ctx, s.actor(c).Entry(), acct, c.QueryParam("prefix"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"email": acct.Email, "revoked": n})
}
