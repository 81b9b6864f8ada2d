package web

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// startSession signs acct in, however it proved who it is (password or
// federal identity): a new session with its own id and CSRF token, and the
// session it replaces, whoever it belonged to, ended.
func (s *Server) startSession(c echo.Context, acct domain.Account) error {
	ctx := c.Request().Context()
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.st.DeleteSession(ctx, auth.HashSecret(ck.Value)); err != nil {
			return fmt.Errorf("end the replaced session: %w", err)
		}
	}
	secret, err := auth.NewSecret()
	if err != nil {
		return err
	}
	csrf, err := auth.NewSecret()
	if err != nil {
		return err
	}
	if err := s.st.CreateSession(ctx, auth.HashSecret(secret), acct.ID, csrf, sessionTTL); err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, secret, sessionTTL)
	s.clearCookie(c, loginCSRF)
	return nil
}
