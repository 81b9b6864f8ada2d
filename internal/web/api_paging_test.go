package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// nextLink reads the path of rel="next" in a Link header.
var nextLink = regexp.MustCompile(`^<([^>]+)>; rel="next"$`)

// TestAPIListsArePaged: GET /api/v1/submissions and GET /api/v1/backups
// answer pages of limit items from offset, with the next page's absolute
// path (the Link header of the submissions' bare array, next in the
// backups' object) and the total; following next from the first page reads
// every item once, in the list's order. A limit or offset out of range is a
// 400 problem in the reader's language.
func TestAPIListsArePaged(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coordinator := withToken(t, st, newAccount(t, st, "coord@fcmn.example", auth.RoleCoordinator, "", false))
	var imported []int64
	for year := 2020; year < 2025; year++ {
		imported = append(imported, importSubmitted(t, st, fmt.Sprintf("fin%d.csv", year), consistentObservations("FIN", year, 10)))
	}
	slices.Reverse(imported) // newest first
	for range 3 {
		if rec := coordinator.do(t, h, request{method: http.MethodPost, target: "/api/v1/backups"}); rec.Code != http.StatusCreated {
			t.Fatalf("POST /api/v1/backups: %d %s", rec.Code, rec.Body)
		}
	}

	t.Run("submissions", func(t *testing.T) {
		var ids []int64
		target, pages := "/api/v1/submissions?status=submitted&limit=2", 0
		for target != "" {
			rec := coordinator.do(t, h, request{method: http.MethodGet, target: target})
			var page []struct{ ID int64 }
			if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
			}
			if total := rec.Header().Get("X-Total-Count"); total != "5" {
				t.Errorf("GET %s: X-Total-Count %q, want 5", target, total)
			}
			for _, p := range page {
				ids = append(ids, p.ID)
			}
			target = ""
			if m := nextLink.FindStringSubmatch(rec.Header().Get("Link")); m != nil {
				target = m[1]
			}
			if pages++; pages > 5 {
				t.Fatal("no end to the pages")
			}
		}
		oldestFirst := slices.Clone(imported)
		slices.Reverse(oldestFirst) // the waiting ones, as in the inbox
		if pages != 3 || !slices.Equal(ids, oldestFirst) {
			t.Errorf("%d pages of %v, want 3 pages of %v", pages, ids, oldestFirst)
		}
		rec := coordinator.do(t, h, request{method: http.MethodGet, target: "/api/v1/submissions?status=submitted&limit=3&offset=4"})
		var last []struct{ ID int64 }
		json.Unmarshal(rec.Body.Bytes(), &last)
		if len(last) != 1 || last[0].ID != oldestFirst[4] || rec.Header().Get("Link") != "" {
			t.Errorf("last page %v, Link %q; want [%d] and no Link", last, rec.Header().Get("Link"), oldestFirst[4])
		}
	})

	t.Run("backups", func(t *testing.T) {
		var names []string
		target, pages := "/api/v1/backups?limit=2", 0
		for target != "" {
			rec := coordinator.do(t, h, request{method: http.MethodGet, target: target})
			var page struct {
				Backups []struct{ Name string }
				Total   int
				Next    string
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != http.StatusOK || page.Total != 3 {
				t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
			}
			for _, b := range page.Backups {
				names = append(names, b.Name)
			}
			target = page.Next
			if pages++; pages > 5 {
				t.Fatal("no end to the pages")
			}
		}
		if pages != 2 || len(names) != 3 || len(slices.Compact(slices.Clone(names))) != 3 {
			t.Errorf("%d pages of %v, want 2 pages of 3 backups", pages, names)
		}
	})

	for _, target := range []string{"/api/v1/submissions?limit=0", "/api/v1/submissions?limit=1001", "/api/v1/submissions?offset=-1",
		"/api/v1/backups?limit=ten", "/api/v1/backups?offset=-3"} {
		limit := strings.Contains(target, "limit")
		for _, lang := range []string{"nl", "fr"} {
			t.Run(target+" "+lang, func(t *testing.T) {
				rec := coordinator.do(t, h, request{method: http.MethodGet, target: target, header: map[string]string{"Accept-Language": lang}})
				title := map[string]string{"nl": "Ongeldige aanvraag", "fr": "Demande incorrecte"}[lang]
				checkProblem(t, rec, 400, "urn:problem-type:belgif:badRequest", lang, title, target)
				if limit && !strings.Contains(rec.Body.String(), "1000") {
					t.Errorf("the detail does not give the maximum: %s", rec.Body)
				}
			})
		}
	}
}
