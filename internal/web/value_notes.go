package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// noteMaxLen bounds an explanation, a question or an answer.
const noteMaxLen = 4000

// noteAdd is POST /submissions/:id/notes (indicator, breakdown, body): a
// coordinator's question on a value, or the agency's answer. The thread
// stays with the submission, whatever its status.
func (s *Server) noteAdd(c echo.Context) error {
	v := viewerOf(c)
	sub, obs, err := s.visibleSubmission(c, v)
	if err != nil {
		return err
	}
	n := domain.ValueNote{SubmissionID: sub.ID, Indicator: c.FormValue("indicator"), Breakdown: c.FormValue("breakdown"),
		Author: v.Account.Email, Body: strings.TrimSpace(c.FormValue("body")), Kind: domain.NoteAnswer}
	if v.Is(auth.RoleCoordinator) {
		n.Kind = domain.NoteQuestion
	}
	if n.Body == "" {
		return domain.Errorf(domain.EINVALID, "error.text_empty")
	}
	if len(n.Body) > noteMaxLen {
		return domain.Errorf(domain.EINVALID, "error.text_too_long", noteMaxLen)
	}
	found := false
	for _, o := range obs {
		found = found || (o.Indicator == n.Indicator && o.Breakdown == n.Breakdown)
	}
	if !found {
		return domain.Errorf(domain.EINVALID, "error.submission_no_value", sub.ID, n.Indicator, n.Breakdown)
	}
	ctx := c.Request().Context()
	stored, err := s.st.AddValueNote(ctx, n, s.clock.Now())
	if err != nil {
		return err
	}
	if err := s.audit(c, "", "note_"+n.Kind, strconv.FormatInt(sub.ID, 10), fmt.Sprintf("%s %s", n.Indicator, n.Breakdown)); err != nil {
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
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/submissions/%d#value-%s-%s", sub.ID, n.Indicator, n.Breakdown))
}
