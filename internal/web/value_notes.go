package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

// noteAdd is POST /submissions/:id/notes (indicator, breakdown, body): a
// coordinator's question on a value, or the agency's answer. The thread
// stays with the submission, whatever its status.
func (s *Server) noteAdd(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sub, stored, err := s.desk.AddNote(ctx, s.actor(c), id, c.FormValue("indicator"), c.FormValue("breakdown"), c.FormValue("body"), s.clock.Now())
	if err != nil {
		return err
	}
	// The other side hears of it by e-mail (written to the outbox first).
	thread, err := s.st.ValueNotes(ctx, sub.ID)
	if err != nil {
		return err
	}
	if err := s.mailer.Note(ctx, sub, stored, thread); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/submissions/%d#value-%s-%s", sub.ID, stored.Indicator, stored.Breakdown))
}
