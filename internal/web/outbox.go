package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/param"
)

// outboxLimit bounds the messages the outbox page lists.
const outboxLimit = 500

// outboxPage is the data of templates/outbox.html.
type outboxPageData struct {
	page
	Messages []store.OutboxMessage
	Sends    bool // an SMTP server is configured
	Status   string
	Open     int64 // the message shown in full
}

// outboxPage is GET /admin/outbox?status=&id=: every e-mail of the
// platform, newest first, with its status, attempts and the reason of its
// last failure; with id, that message in full.
func (s *Server) outboxPage(c echo.Context) error {
	status, err := param.Choice("status", c.QueryParam("status"), "", store.OutboxPending, store.OutboxSending, store.OutboxSent, store.OutboxFailed)
	if err != nil {
		return err
	}
	msgs, err := s.st.Outbox(c.Request().Context(), status, outboxLimit)
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := outboxPageData{page: s.base(c, l, "outbox", l.T("outbox.title")), Messages: msgs, Sends: s.mailer.Sends(), Status: status}
	if raw := c.QueryParam("id"); raw != "" {
		if p.Open, err = param.ID("id", raw); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "outbox", p)
}

// outboxSendAgain is POST /admin/outbox/:id/send-again: the coordinator
// sends a failed message again (one left "sending" by a stopped process may
// have arrived: the page says so, and the choice is the coordinator's).
func (s *Server) outboxSendAgain(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ok, err := s.st.SendAgain(c.Request().Context(), s.actor(c).Entry(), id, s.clock.Now())
	if err != nil {
		return err
	}
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.no_failed_message", strconv.FormatInt(id, 10))
	}
	s.mailer.Kick()
	return c.Redirect(http.StatusSeeOther, "/admin/outbox?status=pending")
}
