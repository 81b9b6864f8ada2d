package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/paging"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/param"
)

// outboxPage is the data of templates/outbox.html.
type outboxPageData struct {
	page
	Messages []store.OutboxMessage
	Sends    bool // an SMTP server is configured
	Status   string
	Open     int64 // the message shown in full
	Pager    pager
}

// outboxPage is GET /admin/outbox?status=&id=&offset=: every e-mail of the
// platform, newest first, a page at a time, with its status, attempts and
// the reason of its last failure; with id, that message in full.
func (s *Server) outboxPage(c echo.Context) error {
	msgs, page, total, err := s.outboxList(c)
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := outboxPageData{page: s.base(c, l, "outbox", l.T("outbox.title")), Messages: msgs, Sends: s.mailer.Sends(), Status: c.QueryParam("status"),
		Pager: outboxPager(c, l, page, total)}
	if raw := c.QueryParam("id"); raw != "" {
		if p.Open, err = param.ID("id", raw); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "outbox", p)
}

// apiOutboxList is GET /api/v1/outbox[?status=&limit=&offset=]: a page of
// the outbox, newest first.
func (s *Server) apiOutboxList(c echo.Context) error {
	msgs, page, total, err := s.outboxList(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.Collect(page, msgs, total, c.Request().URL.Path, c.QueryParams()))
}

// outboxList reads the status, limit and offset of the request and returns
// that page of the outbox and how many messages there are in all.
func (s *Server) outboxList(c echo.Context) ([]store.OutboxMessage, paging.Page, int, error) {
	status, err := param.Choice("status", c.QueryParam("status"), "", store.OutboxPending, store.OutboxSending, store.OutboxSent, store.OutboxFailed)
	if err != nil {
		return nil, paging.Page{}, 0, err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return nil, paging.Page{}, 0, err
	}
	msgs, total, err := s.st.OutboxPage(c.Request().Context(), status, page.Limit, page.Offset)
	return msgs, page, total, err
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
