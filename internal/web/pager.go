package web

import (
	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/paging"
)

// pager is the data of the "pager" template (layout.html): the links to
// the newer and older pages of a list, newest first, its texts translated;
// ID prefixes the links' ids and the texts' keys ("audit.newer"…).
type pager struct {
	ID, Label                      string
	Newer, Older                   string // empty on the first, the last page
	NewerText, OlderText, PageText string
}

// newPager is the pager of list id on its page n.
func newPager(l Locale, id string, n int, newer, older string) pager {
	return pager{ID: id, Label: l.T(id + ".pages"), Newer: newer, Older: older,
		NewerText: l.T(id + ".newer"), OlderText: l.T(id + ".older"), PageText: l.T(id+".page", n)}
}

// outboxPager is the pager of the outbox's page: its links keep the request's
// query, with the offset of the page before or after.
func outboxPager(c echo.Context, l Locale, p paging.Page, total int) pager {
	path, q := c.Request().URL.Path, c.QueryParams()
	return newPager(l, "outbox", p.Offset/p.Limit+1, p.Previous(path, q), p.Next(path, q, total))
}
