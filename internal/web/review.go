package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// reviewPage is the data of templates/review.html.
type reviewPage struct {
	page
	Waiting []submissionRow
}

// reviewInbox is GET /review: the submissions waiting for a decision,
// oldest first.
func (s *Server) reviewInbox(c echo.Context) error {
	subs, err := s.visibleSubmissions(c, viewerOf(c), true)
	if err != nil {
		return err
	}
	counts, err := s.st.ValueNoteCounts(c.Request().Context())
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := reviewPage{page: s.base(c, l, "review", l.T("review.title"))}
	for _, sub := range subs {
		p.Waiting = append(p.Waiting, submissionRow{Submission: sub, OrgName: s.orgName(sub.Organisation, l), Notes: counts[sub.ID]})
	}
	return s.render(c, http.StatusOK, "review", p)
}

// decide approves or returns the submission of the :id parameter, as the
// review rules allow and with its audit entry, and makes the pages show the
// outcome at once.
func (s *Server) decide(c echo.Context, status, comment string) (domain.Submission, error) {
	id, err := pathID(c)
	if err != nil {
		return domain.Submission{}, err
	}
	sub, err := s.desk.Decide(c.Request().Context(), s.actor(c), id, status, comment)
	if err != nil {
		return sub, err
	}
	s.version.Forget()
	if status == domain.StatusReturned {
		// The sender gets the comment by e-mail (written to the outbox first).
		if err := s.mailer.Returned(c.Request().Context(), sub); err != nil {
			return sub, fmt.Errorf("web: review %d: %w", id, err)
		}
	}
	return sub, nil
}

// reviewApprove is POST /submissions/:id/approve from the review pages.
func (s *Server) reviewApprove(c echo.Context) error {
	if _, err := s.decide(c, domain.StatusApproved, c.FormValue("comment")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/review")
}

// reviewReturn is POST /submissions/:id/return with a comment.
func (s *Server) reviewReturn(c echo.Context) error {
	if _, err := s.decide(c, domain.StatusReturned, c.FormValue("comment")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/review")
}
