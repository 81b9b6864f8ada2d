package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServerAnswersProblems: the real server answers the API's errors as
// RFC 9457 problems in the reader's language, and pages' errors as pages.
func TestServerAnswersProblems(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	db := filepath.Join(t.TempDir(), "problems.duckdb")
	coord := newToken(t, db, "coord@example.be", "coordinator", "")
	_, base := serve(t, "--db", db)
	tests := []struct {
		name, method, path, token, contentType, lang string
		status                                       int
		typ, title                                   string
	}{
		{"bad year nl", http.MethodGet, "/api/v1/observations?year=twintig", "", "", "nl", 400, "urn:problem-type:belgif:badRequest", "Ongeldige aanvraag"},
		{"bad year fr", http.MethodGet, "/api/v1/observations?year=vingt", "", "", "fr", 400, "urn:problem-type:belgif:badRequest", "Demande incorrecte"},
		{"no token fr", http.MethodGet, "/api/v1/submissions", "", "", "fr", 401, "urn:problem-type:belgif:noAccessToken", "Aucun jeton d’accès"},
		{"bad token nl", http.MethodGet, "/api/v1/submissions", "ic_nope", "", "nl", 401, "urn:problem-type:belgif:invalidAccessToken", "Ongeldig toegangstoken"},
		{"no route nl", http.MethodGet, "/api/v1/nope", coord, "", "nl", 404, "urn:problem-type:belgif:resourceNotFound", "Gegevens niet gevonden"},
		{"not JSON fr", http.MethodPost, "/api/v1/organisations", coord, "text/plain", "fr", 415, "urn:problem-type:infocentre:unsupportedMediaType", "Type de média non pris en charge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, base+tt.path, strings.NewReader(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Accept-Language", tt.lang+"-BE")
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var p struct {
				Type, Title, Detail, Instance string
				Status                        int
			}
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
				t.Fatalf("%d: %v", resp.StatusCode, err)
			}
			if ct, cl := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Language"); ct != "application/problem+json" || cl != tt.lang {
				t.Errorf("Content-Type %q, Content-Language %q; want application/problem+json, %s", ct, cl, tt.lang)
			}
			if resp.StatusCode != tt.status || p.Status != tt.status || p.Type != tt.typ || p.Title != tt.title || p.Detail == "" {
				t.Errorf("got %d %+v; want %d %s %q", resp.StatusCode, p, tt.status, tt.typ, tt.title)
			}
		})
	}
	resp, err := http.Get(base + "/nope?lang=fr")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 404 || !strings.HasPrefix(ct, "text/html") {
		t.Errorf("page not found: %d %q, want 404 text/html", resp.StatusCode, ct)
	}
}
