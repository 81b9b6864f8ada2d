package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/store"
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
	status := c.QueryParam("status")
	switch status {
	case "", store.OutboxPending, store.OutboxSending, store.OutboxSent, store.OutboxFailed:
	default:
		status = ""
	}
	msgs, err := s.st.Outbox(c.Request().Context(), status, outboxLimit)
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := outboxPageData{page: s.base(c, l, "outbox", l.T("outbox.title")), Messages: msgs, Sends: s.mailer.Sends(), Status: status}
	p.Open, _ = strconv.ParseInt(c.QueryParam("id"), 10, 64) // no or a bad id opens none
	return s.render(c, http.StatusOK, "outbox", p)
}
