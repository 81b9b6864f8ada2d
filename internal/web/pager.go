package web

import (
	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/paging"
)

// pager is the data of the "pager" template (layout.html): the links to
// the newer and older pages of a list, newest first, its texts translated;
// ID prefixes the links' ids.
type pager struct {
	ID, Label                      string
	Newer, Older                   string // empty on the first, the last page
	NewerText, OlderText, PageText string
}

// pagerKeys are the keys of a pager's texts, written out so that the
// locale's test finds them used.
type pagerKeys struct{ label, newer, older, page string }

var (
	auditPagerKeys  = pagerKeys{"audit.pages", "audit.newer", "audit.older", "audit.page"}
	outboxPagerKeys = pagerKeys{"outbox.pages", "outbox.newer", "outbox.older", "outbox.page"}
)

// newPager is the pager of list id on its page n.
func newPager(l Locale, id string, k pagerKeys, n int, newer, older string) pager {
	return pager{ID: id, Label: l.T(k.label), Newer: newer, Older: older,
		NewerText: l.T(k.newer), OlderText: l.T(k.older), PageText: l.T(k.page, n)}
}

// outboxPager is the pager of the outbox's page: its links keep the request's
// query, with the offset of the page before or after.
func outboxPager(c echo.Context, l Locale, p paging.Page, total int) pager {
	path, q := c.Request().URL.Path, c.QueryParams()
	return newPager(l, "outbox", outboxPagerKeys, p.Offset/p.Limit+1, p.Previous(path, q), p.Next(path, q, total))
}
