package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/paging"
)

// noteAdd is POST /submissions/:id/notes (indicator, breakdown, body): a
// coordinator's question on a value, or the agency's answer. The thread
// stays with the submission, whatever its status; an agency's note on an
// approved submission is held from publication (review.Held). An account
// writes at most noteMax notes in noteWindow.
func (s *Server) noteAdd(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if ok, wait := s.notes.Allow(viewerOf(c).Account.ID); !ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return echo.NewHTTPError(http.StatusTooManyRequests, s.locale(c).T("error.notes_too_many", noteMax, int(noteWindow.Minutes())))
	}
	ctx := c.Request().Context()
	sub, stored, err := s.desk.AddNote(ctx, s.actor(c), id, c.FormValue("indicator"), c.FormValue("breakdown"), c.FormValue("body"), s.clock.Now())
	if err != nil {
		return err
	}
	if !stored.Held {
		s.version.Forget() // a note on a published submission is in its letter
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

// notesAccept is POST /submissions/:id/notes/accept: the coordinator has
// read the notes held on the submission and publishes them.
func (s *Server) notesAccept(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.desk.AcceptNotes(c.Request().Context(), s.actor(c), id); err != nil {
		return err
	}
	s.version.Forget() // the letters show the notes at once
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/submissions/%d", id))
}

// apiNoteList is GET /api/v1/submissions/:id/notes[?limit=&offset=]: a
// page of the notes of a submission, by value, for whoever may see it (an
// agency another organisation's submission does not exist for).
func (s *Server) apiNoteList(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	notes, total, err := s.desk.NotePage(c.Request().Context(), viewerOf(c).Account, id, page.Limit, page.Offset)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.Collect(page, notes, total, c.Request().URL.Path, c.QueryParams()))
}
