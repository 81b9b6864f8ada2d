package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/paging"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/param"
)

// auditPageSize is how many entries one page of the audit log shows.
const auditPageSize = 100

// auditPage is the data of templates/audit.html.
type auditPage struct {
	page
	Actor    string
	Action   string
	From, To string // the dates of the filter, as typed
	Actions  []string
	Entries  []domain.AuditEntry
	Pager    pager
}

// auditActions are the actions the application records, for the filter:
// every one of them (TestAuditActionsListed reads the sources to check).
var auditActions = []string{
	"login", "login_failed", "login_blocked", "login_fas", "login_fas_refused", "logout",
	"upload", "register_upload", "upload_refused", "approve", "return",
	"criteria_save", "criteria_copy", "criteria_submit", "criteria_validate", "criteria_return", "mystery_check",
	"note_" + domain.NoteQuestion, "note_" + domain.NoteAnswer, "note_" + domain.NoteExplanation, "notes_accept", "round_open", "outbox_send_again",
	"account_create", "account_disable", "account_enable", "account_language", "account_bind_fas", "account_unbind_fas", "token_create", "token_revoke",
	"organisation_add", "organisation_update", "organisation_end", "group_add", "group_update", "indicator_update", "indicator_definition",
	"fair_thresholds", "fair_target_set", "fair_target_delete", "fair_unit_set", "fair_terms_set",
}

// auditPage is GET /admin/audit?actor=&action=&from=&to=&page=: read-only,
// newest first, auditPageSize entries a page; from and to are days
// (YYYY-MM-DD, Brussels time), both included. No route changes or deletes
// entries.
func (s *Server) auditPage(c echo.Context) error {
	q := c.QueryParams()
	f, err := auditFilter(q)
	if err != nil {
		return err
	}
	n := 1
	if raw := q.Get("page"); raw != "" {
		id, err := param.ID("page", raw)
		if err != nil {
			return err
		}
		if id > math.MaxInt32 {
			return domain.Errorf(domain.EINVALID, "error.param_id", "page", raw)
		}
		n = int(id)
	}
	// One more than a page tells whether there is an older page.
	entries, err := s.st.AuditEntries(c.Request().Context(), f, auditPageSize+1, (n-1)*auditPageSize)
	if err != nil {
		return fmt.Errorf("web: audit page: %w", err)
	}
	l := s.locale(c)
	p := auditPage{page: s.base(c, l, "audit", l.T("audit.title")),
		Actor: f.Actor, Action: f.Action, From: q.Get("from"), To: q.Get("to"), Actions: auditActions, Entries: entries}
	newer, older := "", ""
	if len(entries) > auditPageSize {
		p.Entries, older = entries[:auditPageSize], auditPageLink(q, n+1)
	}
	if n > 1 {
		newer = auditPageLink(q, n-1)
	}
	p.Pager = newPager(l, "audit", auditPagerKeys, n, newer, older)
	return s.render(c, http.StatusOK, "audit", p)
}

// auditFilter reads the filter of the audit page and of the API's audit
// list: actor, action, and the days from and to.
func auditFilter(q url.Values) (store.AuditFilter, error) {
	f := store.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action")}
	var err error
	if f.From, err = auditDay("from", q.Get("from")); err != nil {
		return f, err
	}
	if f.To, err = auditDay("to", q.Get("to")); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the whole day
	}
	return f, nil
}

// apiAuditList is GET /api/v1/audit[?actor=&action=&from=&to=&limit=&offset=]:
// a page of the audit log, newest first, with the audit page's filters.
func (s *Server) apiAuditList(c echo.Context) error {
	f, err := auditFilter(c.QueryParams())
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	entries, total, err := s.st.AuditPage(c.Request().Context(), f, page.Limit, page.Offset)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.Collect(page, entries, total, c.Request().URL.Path, c.QueryParams()))
}

// auditDay reads a day of the audit filter; empty is no bound.
func auditDay(name, raw string) (time.Time, error) {
	if raw == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, raw, domain.Brussels())
	if err != nil {
		return time.Time{}, domain.Errorf(domain.EINVALID, "error.param_date", name, raw)
	}
	return d, nil
}

// auditPageLink is the audit page n with the same filters.
func auditPageLink(q url.Values, n int) string {
	v := url.Values{}
	for _, k := range []string{"actor", "action", "from", "to"} {
		if q.Get(k) != "" {
			v.Set(k, q.Get(k))
		}
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/admin/audit"
	}
	return "/admin/audit?" + v.Encode()
}
