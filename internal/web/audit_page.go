package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// auditPageLimit is how many entries the audit page shows at most.
const auditPageLimit = 500

// auditPage is the data of templates/audit.html.
type auditPage struct {
	page
	Actor   string
	Action  string
	Actions []string
	Entries []domain.AuditEntry
}

// auditActions are the actions the application records, for the filter:
// every one of them (TestAuditActionsListed reads the sources to check).
var auditActions = []string{
	"login", "login_failed", "login_blocked", "login_fas", "login_fas_refused", "logout",
	"upload", "register_upload", "upload_refused", "approve", "return",
	"criteria_save", "criteria_copy", "criteria_submit", "criteria_validate", "criteria_return", "mystery_check",
	"note_" + domain.NoteQuestion, "note_" + domain.NoteAnswer, "note_" + domain.NoteExplanation, "round_open", "outbox_send_again",
	"account_create", "account_disable", "account_enable", "account_language", "account_bind_fas", "account_unbind_fas", "token_create", "token_revoke",
	"organisation_add", "organisation_update", "organisation_end", "group_add", "group_update", "indicator_update", "indicator_definition",
	"fair_thresholds", "fair_target_set", "fair_target_delete", "fair_unit_set", "fair_terms_set",
}

// auditPage is GET /admin/audit?actor=&action=: read-only, newest first.
// No route changes or deletes entries.
func (s *Server) auditPage(c echo.Context) error {
	actor, action := c.QueryParam("actor"), c.QueryParam("action")
	entries, err := s.st.AuditLog(c.Request().Context(), actor, action, auditPageLimit)
	if err != nil {
		return fmt.Errorf("web: audit page: %w", err)
	}
	l := s.locale(c)
	return s.render(c, http.StatusOK, "audit", auditPage{page: s.base(c, l, "audit", l.T("audit.title")),
		Actor: actor, Action: action, Actions: auditActions, Entries: entries})
}
