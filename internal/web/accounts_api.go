package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/accounts"
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
	a, err := accounts.Create(c.Request().Context(), s.st, s.ref(), s.hashPassword, s.actor(c).Entry(),
		accounts.Request{Email: body.Email, Role: body.Role, Organisation: body.Organisation, Password: body.Password})
	if err != nil {
		return err
	}
	out := accountJSON{ID: a.ID, Email: a.Email, Role: a.Role, Organisation: a.Organisation}
	if a.Generated {
		out.Password = a.Password
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
