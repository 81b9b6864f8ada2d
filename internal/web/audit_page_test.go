package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
)

// Issue 23, F11: one agency token sent 3,000 refused uploads and wrote
// 3,000 audit entries. Repeated refusals of one account from one address on
// one route are one entry with a count; another address or route is
// another entry.
func TestRepeatedRefusalsMergeInTheAudit(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false))
	notRegister := []byte("just,some,text\n1,2,3\n")
	const flood = 3000
	send := func(target, remote string) {
		t.Helper()
		rec := agency.do(t, h, request{method: http.MethodPost, target: target, file: notRegister, remote: remote})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%s from %s: status %d, want 422", target, remote, rec.Code)
		}
	}
	for range flood {
		send("/api/v1/submissions", "192.0.2.1")
	}
	send("/api/v1/submissions", "192.0.2.2")
	send("/api/v1/registers", "192.0.2.1")
	entries, err := st.AuditLog(context.Background(), "", "upload_refused", 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, e := range entries {
		got[e.Address+" "+e.Subject] += e.Count
		if e.Actor != "agency@example.be" || !strings.HasPrefix(e.Detail, "422") {
			t.Errorf("entry %+v", e)
		}
	}
	want := map[string]int{"192.0.2.1 /api/v1/submissions": flood, "192.0.2.2 /api/v1/submissions": 1, "192.0.2.1 /api/v1/registers": 1}
	if len(entries) != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%d entries, counts %v; want 3 entries with counts %v", len(entries), got, want)
	}
}

// Issue 23, F11: the audit page shows 100 entries a page with links to the
// newer and older pages, keeping the filters, and filters by actor, action
// and days; its fields are labelled.
func TestAuditPagePagesAndFilters(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	for i := range 250 {
		actor := "a@example.be"
		if i%2 == 1 {
			actor = "b@example.be"
		}
		if err := st.Audit(ctx, domain.AuditEntry{Actor: actor, Action: "token_create", Subject: fmt.Sprintf("entry-%d", i), Address: "192.0.2.9"}); err != nil {
			t.Fatal(err)
		}
	}
	today := time.Now().In(domain.Brussels())
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
	tests := []struct {
		name, query  string
		rows         int
		newer, older string // the links expected, "" none
	}{
		{"first page", "action=token_create", 100, "", "/admin/audit?action=token_create&page=2"},
		{"middle page", "action=token_create&page=2", 100, "/admin/audit?action=token_create", "/admin/audit?action=token_create&page=3"},
		{"last page", "action=token_create&page=3", 50, "/admin/audit?action=token_create&page=2", ""},
		{"beyond the last page", "action=token_create&page=9", 0, "/admin/audit?action=token_create&page=8", ""},
		{"by actor", "actor=b@example.be&page=2", 25, "/admin/audit?actor=b%40example.be", ""},
		{"days around today", "action=token_create&from=" + day(-1) + "&to=" + day(1) + "&page=3", 50, "/admin/audit?action=token_create&from=" + day(-1) + "&page=2&to=" + day(1), ""},
		{"today, both days included", "action=token_create&from=" + day(0) + "&to=" + day(0) + "&page=3", 50, "/admin/audit?action=token_create&from=" + day(0) + "&page=2&to=" + day(0), ""},
		{"from tomorrow", "action=token_create&from=" + day(1), 0, "", ""},
		{"until yesterday", "action=token_create&to=" + day(-1), 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := coord.do(t, h, request{method: http.MethodGet, target: "/admin/audit?" + tt.query})
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %.500s", rec.Code, body)
			}
			page := htmltest.Parse(t, body)
			rows := 0
			for _, td := range page.Texts("td") {
				if td == "192.0.2.9" {
					rows++
				}
			}
			if rows != tt.rows {
				t.Errorf("%d entries, want %d", rows, tt.rows)
			}
			checkPager(t, page, body, "audit", tt.newer, tt.older)
			for _, field := range []string{"actor", "action", "from", "to"} {
				if !page.Has("label[for="+field+"]") || !page.Has("#"+field+"[name="+field+"]") {
					t.Errorf("the filter %s has no label", field)
				}
			}
		})
	}
	for _, query := range []string{"from=31-12-2024", "to=yesterday", "page=0", "page=99999999999"} {
		rec := coord.do(t, h, request{method: http.MethodGet, target: "/admin/audit?" + query})
		name, _, _ := strings.Cut(query, "=")
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), name+"=") {
			t.Errorf("%s: status %d, want 400 naming the parameter: %.300s", query, rec.Code, rec.Body)
		}
	}
}

// checkPager checks the links of the pager of list id in a page: newer
// and older, "" for none.
func checkPager(t *testing.T, page *htmltest.Page, body, id, newer, older string) {
	t.Helper()
	for id, link := range map[string]string{id + "-newer": newer, id + "-older": older} {
		links := page.All("a#" + id + "[rel]")
		if len(links) > 1 || (len(links) == 1) != (link != "") || (link != "" && links[0].Attr("href") != link) {
			t.Errorf("link %s: want %q in the page:\n%s", id, link, pagerOf(body))
		}
	}
}

// pagerOf is the paging part of an audit page, for messages.
func pagerOf(body string) string {
	_, nav, _ := strings.Cut(body, `<nav class="pager"`)
	nav, _, _ = strings.Cut(nav, "</nav>")
	return nav
}
