package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
	"github.com/fcmn/infocentre/internal/store"
)

// TestAPICollectionsArePaged: GET /api/v1/audit, /api/v1/outbox and
// /api/v1/submissions/{id}/notes answer {items, total, next}; following
// next from the first page reads every item once, in the list's order, and
// the last page has no next. A limit or offset out of range is a 400
// problem in the reader's language. An agency may not read the audit log
// or the outbox, nor the notes of another organisation's submission.
func TestAPICollectionsArePaged(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	coordinator := withToken(t, st, newAccount(t, st, "coord@fcmn.example", auth.RoleCoordinator, "", false))
	fin := withToken(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	just := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	sub := importSubmitted(t, st, "fin.csv", consistentObservations("FIN", 2024, 10))
	var subjects, keys, bodies []string
	for i := range 5 {
		subjects = append(subjects, fmt.Sprintf("entry-%d", i))
		if err := st.Audit(ctx, domain.AuditEntry{Actor: "x@example.be", Action: "token_create", Subject: subjects[i]}); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, fmt.Sprintf("key-%d", i))
		if _, err := st.Enqueue(ctx, store.OutboxMessage{Key: keys[i], Kind: "test", Recipient: "x@example.be", Language: "nl", Subject: "s", Text: "t"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, fmt.Sprintf("note %d", i))
		if _, err := st.AddValueNote(ctx, domain.AuditEntry{Actor: "coord@fcmn.example"}, domain.ValueNote{SubmissionID: sub, Indicator: "complaints_received",
			Breakdown: "total", Kind: domain.NoteQuestion, Author: "coord@fcmn.example", Body: bodies[i]}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	slices.Reverse(subjects) // newest first
	slices.Reverse(keys)
	notes := fmt.Sprintf("/api/v1/submissions/%d/notes", sub)
	lists := []struct {
		name, first, field string
		want               []string
	}{
		{"audit", "/api/v1/audit?actor=x%40example.be&limit=2", "subject", subjects},
		{"outbox", "/api/v1/outbox?limit=2", "key", keys},
		{"notes", notes + "?limit=2", "body", bodies},
		{"notes by the agency", notes + "?limit=2", "body", bodies},
	}
	for _, tt := range lists {
		t.Run(tt.name, func(t *testing.T) {
			reader := coordinator
			if strings.Contains(tt.name, "agency") {
				reader = fin
			}
			var got []string
			target, pages := tt.first, 0
			for target != "" {
				rec := reader.do(t, h, request{method: http.MethodGet, target: target})
				var page struct {
					Items []map[string]any
					Total int
					Next  *string
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != http.StatusOK || page.Total != 5 {
					t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
				}
				for _, item := range page.Items {
					got = append(got, fmt.Sprint(item[tt.field]))
				}
				target = ""
				if page.Next != nil {
					target = *page.Next
				}
				if pages++; pages > 5 {
					t.Fatal("no end to the pages")
				}
			}
			if pages != 3 || !slices.Equal(got, tt.want) {
				t.Errorf("%d pages of %v, want 3 pages of %v", pages, got, tt.want)
			}
		})
	}

	refused := []struct {
		reader *user
		target string
		status int
	}{
		{fin, "/api/v1/audit", http.StatusForbidden},
		{fin, "/api/v1/outbox", http.StatusForbidden},
		{just, notes, http.StatusNotFound}, // another organisation's submission does not exist for it
		{coordinator, "/api/v1/submissions/999999/notes", http.StatusNotFound},
	}
	for _, tt := range refused {
		if rec := tt.reader.do(t, h, request{method: http.MethodGet, target: tt.target}); rec.Code != tt.status {
			t.Errorf("GET %s by %s: %d, want %d: %s", tt.target, tt.reader.acct.Email, rec.Code, tt.status, rec.Body)
		}
	}

	for _, target := range []string{"/api/v1/audit?limit=0", "/api/v1/outbox?limit=1001", notes + "?offset=-1", "/api/v1/outbox?offset=x"} {
		for _, lang := range []string{"nl", "fr"} {
			t.Run(target+" "+lang, func(t *testing.T) {
				rec := coordinator.do(t, h, request{method: http.MethodGet, target: target, header: map[string]string{"Accept-Language": lang}})
				title := map[string]string{"nl": "Ongeldige aanvraag", "fr": "Demande incorrecte"}[lang]
				checkProblem(t, rec, 400, "urn:problem-type:belgif:badRequest", lang, title, target)
			})
		}
	}
}

// TestOutboxPagePages: /admin/outbox shows a page of messages, with links
// to the older and newer pages that keep the status filter.
func TestOutboxPagePages(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	for i := range 150 {
		if _, err := st.Enqueue(ctx, store.OutboxMessage{Key: fmt.Sprintf("key-%d", i), Kind: "test", Recipient: "x@example.be", Language: "nl",
			Subject: "s", Text: "t"}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, query  string
		rows         int
		newer, older string
	}{
		{"first page", "status=pending", 100, "", "/admin/outbox?limit=100&offset=100&status=pending"},
		{"last page", "status=pending&offset=100", 50, "/admin/outbox?status=pending", ""},
		{"a page of 60", "limit=60&offset=60", 60, "/admin/outbox?limit=60", "/admin/outbox?limit=60&offset=120"},
		{"beyond the last page", "offset=400", 0, "/admin/outbox?offset=300", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := coord.do(t, h, request{method: http.MethodGet, target: "/admin/outbox?" + tt.query})
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %.500s", rec.Code, body)
			}
			page := htmltest.Parse(t, body)
			if rows := len(page.All("#outbox tbody tr[data-id]")); rows != tt.rows {
				t.Errorf("%d messages, want %d", rows, tt.rows)
			}
			checkPager(t, page, body, "outbox", tt.newer, tt.older)
		})
	}
	if rec := coord.do(t, h, request{method: http.MethodGet, target: "/admin/outbox?offset=-1"}); rec.Code != http.StatusBadRequest {
		t.Errorf("offset=-1: status %d, want 400", rec.Code)
	}
}
