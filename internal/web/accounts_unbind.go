package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// accountUnbind is POST /admin/accounts/:id/unbind: the account forgets the
// federal identity it is bound to (the person changed job, say); the next
// federal sign-in with its e-mail address binds it again.
func (s *Server) accountUnbind(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.st.UnbindFederal(c.Request().Context(), s.actor(c).Entry(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/accounts")
}
