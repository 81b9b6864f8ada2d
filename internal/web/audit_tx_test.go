package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// TestRouteChangeKeptWithItsAuditEntry posts each change through its route
// twice: first from an address the audit log cannot store (no UTF-8, which
// DuckDB cannot bind), when the answer is 500 and nothing of the change is
// kept, then from an ordinary one, when both the change and its entry are.
// The handlers leave the entry to the transaction of the change.
func TestRouteChangeKeptWithItsAuditEntry(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	agency := signIn(t, st, newAccount(t, st, "agency@pol.example", auth.RoleAgency, "POL", false))
	toApprove := importSubmitted(t, st, "approve.csv", consistentObservations("JUST", 2024, 10))
	toReturn := importSubmitted(t, st, "return.csv", consistentObservations("RSZ", 2024, 10))
	asked := importSubmitted(t, st, "asked.csv", consistentObservations("MOB", 2024, 10))

	status := func(id int64) func() string {
		return func() string {
			sub, _, err := st.Submission(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return sub.Status
		}
	}
	tests := []struct {
		action string
		by     *user
		req    request
		state  func() string // what the change changes
	}{
		{"approve", coord, request{method: http.MethodPost, target: "/submissions/" + strconv.FormatInt(toApprove, 10) + "/approve"}, status(toApprove)},
		{"return", coord, request{method: http.MethodPost, target: "/submissions/" + strconv.FormatInt(toReturn, 10) + "/return",
			form: url.Values{"comment": {"by_channel missing"}}}, status(toReturn)},
		{"note_question", coord, request{method: http.MethodPost, target: "/submissions/" + strconv.FormatInt(asked, 10) + "/notes",
			form: url.Values{"indicator": {"received"}, "body": {"Why?"}}}, func() string {
			notes, err := st.ValueNotes(ctx, asked)
			if err != nil {
				t.Fatal(err)
			}
			return strconv.Itoa(len(notes))
		}},
		{"criteria_save", agency, request{method: http.MethodPost, target: "/criteria/assessment", form: formOf("2024", domain.ActionSave, 3, 1)}, func() string {
			a, err := st.Assessment(ctx, "POL", 2024)
			if err != nil && !isNotFound(err) {
				t.Fatal(err)
			}
			return a.Status
		}},
		{"account_language", agency, request{method: http.MethodPost, target: "/account/language", form: url.Values{"language": {"fr"}}}, func() string {
			lang, err := st.AccountLanguage(ctx, agency.acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			return lang
		}},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			before, entries := tt.state(), auditEntries(t, st, tt.action)
			bad := tt.req
			bad.remote = "192.0.2.\xff"
			if rec := tt.by.do(t, h, bad); rec.Code != http.StatusInternalServerError {
				t.Fatalf("from an address the log cannot store: status %d, want 500", rec.Code)
			}
			if after := tt.state(); after != before || auditEntries(t, st, tt.action) != entries {
				t.Fatalf("the change was kept without its entry: %q became %q", before, after)
			}
			good := tt.req
			good.remote = "192.0.2.10"
			if rec := tt.by.do(t, h, good); rec.Code != http.StatusSeeOther {
				t.Fatalf("status %d, want 303: %.300s", rec.Code, rec.Body)
			}
			if after := tt.state(); after == before || auditEntries(t, st, tt.action) != entries+1 {
				t.Errorf("%q became %q, with %d new entries; want the change and one entry", before, after, auditEntries(t, st, tt.action)-entries)
			}
		})
	}
}

func auditEntries(tb testing.TB, st *store.Store, action string) int {
	tb.Helper()
	log, err := st.AuditLog(context.Background(), "", action, 1000)
	if err != nil {
		tb.Fatal(err)
	}
	return len(log)
}
