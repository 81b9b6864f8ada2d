package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/accounts"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/bodylimit"
)

var tokenPrefixPattern = regexp.MustCompile(`^` + auth.TokenPrefix + `[A-Za-z0-9_-]{8}$`)

// tokensPage is the data of templates/tokens.html.
type tokensPage struct {
	page
	Tokens  []tokenRow
	All     bool   // a coordinator sees everyone's tokens
	Created string // the token just created, shown once
	For     string // whose it is
	Message string // why the form was refused
}

type tokenRow struct {
	store.Token
	Mine bool
}

// tokenJSON is a token in the API's answers: never the secret.
type tokenJSON struct {
	Prefix    string     `json:"prefix"`
	Email     string     `json:"email"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// tokenScope is whose tokens the viewer may see and revoke: its own, or
// anyone's (0) for a coordinator.
func tokenScope(v *viewer) int64 {
	if v.Is(auth.RoleCoordinator) {
		return 0
	}
	return v.Account.ID
}

// tokensPage is GET /account/tokens: the viewer's API tokens (everyone's
// for a coordinator), a form to create one and a button to revoke each.
func (s *Server) tokensPage(c echo.Context) error {
	return s.renderTokens(c, http.StatusOK, tokensPage{})
}

func (s *Server) renderTokens(c echo.Context, status int, p tokensPage) error {
	v := viewerOf(c)
	tokens, err := s.st.Tokens(c.Request().Context(), tokenScope(v))
	if err != nil {
		return fmt.Errorf("web: tokens page: %w", err)
	}
	l := s.locale(c)
	p.page = s.base(c, l, "tokens", l.T("tokens.title"))
	p.All = tokenScope(v) == 0
	for _, t := range tokens {
		p.Tokens = append(p.Tokens, tokenRow{Token: t, Mine: t.AccountID == v.Account.ID})
	}
	return s.render(c, status, "tokens", p)
}

// tokenCreate is POST /account/tokens: a new token for the viewer, or for
// the account of the field email when a coordinator gives one. The token is
// shown once; only its hash is stored.
func (s *Server) tokenCreate(c echo.Context) error {
	acct, err := s.tokenOwner(c, c.FormValue("email"))
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.ENOTFOUND {
		return s.renderTokens(c, http.StatusNotFound, tokensPage{Message: s.locale(c).T("tokens.no_account")})
	}
	if err != nil {
		return err
	}
	token, _, err := s.createToken(c, acct)
	if err != nil {
		return err
	}
	return s.renderTokens(c, http.StatusCreated, tokensPage{Created: token, For: acct.Email})
}

// tokenRevoke is POST /account/tokens/:prefix/revoke.
func (s *Server) tokenRevoke(c echo.Context) error {
	if _, err := s.revokeToken(c, c.Param("prefix")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/account/tokens")
}

// apiTokenList is GET /api/v1/tokens: the caller's tokens (everyone's for
// a coordinator), newest first.
func (s *Server) apiTokenList(c echo.Context) error {
	tokens, err := s.st.Tokens(c.Request().Context(), tokenScope(viewerOf(c)))
	if err != nil {
		return fmt.Errorf("web: list tokens: %w", err)
	}
	out := make([]tokenJSON, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, tokenJSON{Prefix: t.Prefix, Email: t.Email, CreatedAt: t.CreatedAt, RevokedAt: t.RevokedAt})
	}
	return c.JSON(http.StatusOK, out)
}

// apiTokenCreate is POST /api/v1/tokens with an optional {"email": …}
// (coordinators only): 201 {"token", "prefix", "email", "id", "role",
// "organisation"}, the token once.
func (s *Server) apiTokenCreate(c echo.Context) error {
	var body struct {
		Email string `json:"email"`
	}
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEApplicationJSON) {
		if err := json.NewDecoder(c.Request().Body).Decode(&body); err != nil && !errors.Is(err, io.EOF) {
			if bodylimit.TooLarge(err) {
				return s.errTooLarge()
			}
			return domain.Errorf(domain.EINVALID, "error.token_body")
		}
	} else {
		body.Email = c.FormValue("email")
	}
	acct, err := s.tokenOwner(c, body.Email)
	if err != nil {
		return err
	}
	token, id, err := s.createToken(c, acct)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"token": token, "prefix": token[:accounts.ShownLength], "email": acct.Email,
		"id": id, "role": acct.Role, "organisation": acct.Organisation})
}

// apiTokenRevoke is DELETE /api/v1/tokens/:prefix: 200 {"prefix",
// "revoked"}, 404 when the caller has no live token with that prefix.
func (s *Server) apiTokenRevoke(c echo.Context) error {
	n, err := s.revokeToken(c, c.Param("prefix"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"prefix": c.Param("prefix"), "revoked": n})
}

// tokenOwner is the account a new token acts for: the viewer's own, or
// for a coordinator the account with this email.
func (s *Server) tokenOwner(c echo.Context, email string) (domain.Account, error) {
	v := viewerOf(c)
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || email == v.Account.Email {
		return v.Account, nil
	}
	if !v.Is(auth.RoleCoordinator) {
		return domain.Account{}, domain.Errorf(domain.EFORBIDDEN, "error.token_coordinator_only")
	}
	acct, _, err := s.st.AccountByEmail(c.Request().Context(), email)
	if err != nil {
		return domain.Account{}, err
	}
	if acct.Disabled {
		return domain.Account{}, domain.Errorf(domain.ECONFLICT, "error.account_disabled", acct.Email)
	}
	return acct, nil
}

// createToken stores a new token of acct by its hash, with its audit entry;
// 429 when acct received tokenMax of them in tokenWindow. The count goes by
// the token's account, not the caller's: a coordinator who hands a token
// to each of twenty agencies in an hour is not stopped.
func (s *Server) createToken(c echo.Context, acct domain.Account) (string, int64, error) {
	if ok, wait := s.tokens.Allow(acct.ID); !ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return "", 0, echo.NewHTTPError(http.StatusTooManyRequests, s.locale(c).T("error.tokens_too_many", tokenMax, int(tokenWindow.Minutes())))
	}
	t, err := accounts.MintToken(c.Request().Context(), s.st, s.actor(c).Entry(), acct)
	return t.Secret, t.ID, err
}

// revokeToken revokes the live token with this prefix: the viewer's own,
// or anyone's for a coordinator. ENOTFOUND otherwise, so that a prefix of
// somebody else's token tells nothing.
func (s *Server) revokeToken(c echo.Context, prefix string) (int, error) {
	if !tokenPrefixPattern.MatchString(prefix) {
		return 0, domain.Errorf(domain.EINVALID, "error.token_prefix", prefix, auth.TokenPrefix)
	}
	ids, err := s.st.RevokeTokenPrefix(c.Request().Context(), s.actor(c).Entry(), prefix, tokenScope(viewerOf(c)))
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}
