package web

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes: every /api/ route Echo answers is an operation
// of the OpenAPI document, and every operation of the document is a route,
// with the same path parameters.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv, _ := newTestServer(t)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([A-Za-z_]+)`)
	routes := map[string]bool{}
	for _, r := range srv.echo.Routes() {
		if strings.HasPrefix(r.Path, "/api/") {
			routes[strings.ToLower(r.Method)+" "+param.ReplaceAllString(r.Path, "{$1}")] = true
		}
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[method+" "+path] = true
		}
	}
	if missing := minus(routes, documented); len(missing) > 0 {
		t.Errorf("routes missing from openapi.json: %s", strings.Join(missing, ", "))
	}
	if extra := minus(documented, routes); len(extra) > 0 {
		t.Errorf("operations of openapi.json no route answers: %s", strings.Join(extra, ", "))
	}
	if len(routes) < 30 {
		t.Errorf("only %d /api/ routes found", len(routes))
	}
}

// TestOpenAPIIsServed: the document is public JSON.
func TestOpenAPIIsServed(t *testing.T) {
	srv, _ := newTestServer(t)
	rec := get(t, srv.Handler(), "/api/v1/openapi.json")
	var doc map[string]any
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || json.Unmarshal(rec.Body.Bytes(), &doc) != nil || doc["openapi"] == nil {
		t.Errorf("GET /api/v1/openapi.json: %d %q %.200s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}

// minus lists, sorted, the keys of a that b lacks.
func minus(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
