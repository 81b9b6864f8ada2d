package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/webkit/throttle"
)

// TestAPIErrorsAreProblems: every kind of API error is an RFC 9457 problem
// with Belgif's type where one fits, its title and detail in the reader's
// language, which Content-Language names; the fields of the first error
// shape (error, message) are still there.
func TestAPIErrorsAreProblems(t *testing.T) {
	srv, st := newTestServer(t)
	srv.cfg.MaxUploadBytes = 100_000
	srv.fileChecks = throttle.NewGate(1, time.Millisecond)
	h := srv.Handler()
	coordinator := withToken(t, st, newAccount(t, st, "coord@fcmn.example", auth.RoleCoordinator, "", false))
	agency := withToken(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	const taken = `{"code":"FIN","name":{"nl":"Dubbel NL","fr":"Dubbel FR","en":"Dubbel EN"},"kind":"public_institution","second_line":"federal_ombudsman","group":"other"}`
	file := wideCSV(consistentObservations("FIN", 2025, 3))
	tests := []struct {
		name   string
		u      *user
		req    request
		busy   bool // every file-check slot taken
		status int
		typ    string
		title  map[string]string
	}{
		{"bad request", coordinator, request{method: http.MethodGet, target: "/api/v1/observations?year=twintig"},
			false, 400, "urn:problem-type:belgif:badRequest", map[string]string{"nl": "Ongeldige aanvraag", "fr": "Demande incorrecte"}},
		{"no access token", anonymous(), request{method: http.MethodGet, target: "/api/v1/submissions"},
			false, 401, "urn:problem-type:belgif:noAccessToken", map[string]string{"nl": "Geen toegangstoken", "fr": "Aucun jeton d’accès"}},
		{"invalid access token", nil, request{method: http.MethodGet, target: "/api/v1/submissions", header: map[string]string{"Authorization": "Bearer " + auth.TokenPrefix + "nope"}},
			false, 401, "urn:problem-type:belgif:invalidAccessToken", map[string]string{"nl": "Ongeldig toegangstoken", "fr": "Jeton d’accès non valide"}},
		{"role refused", agency, request{method: http.MethodPost, target: "/api/v1/submissions/1/approve"},
			false, 403, "urn:problem-type:infocentre:forbidden", map[string]string{"nl": "Toegang geweigerd", "fr": "Accès refusé"}},
		{"not found", coordinator, request{method: http.MethodGet, target: "/api/v1/observations?organisation=NOPE"},
			false, 404, "urn:problem-type:belgif:resourceNotFound", map[string]string{"nl": "Gegevens niet gevonden", "fr": "Ressource introuvable"}},
		{"no such route", coordinator, request{method: http.MethodGet, target: "/api/v1/nope"},
			false, 404, "urn:problem-type:belgif:resourceNotFound", map[string]string{"nl": "Gegevens niet gevonden", "fr": "Ressource introuvable"}},
		{"conflict", coordinator, request{method: http.MethodPost, target: "/api/v1/organisations", json: taken},
			false, 409, "urn:problem-type:infocentre:conflict", map[string]string{"nl": "Strijdig met bestaande gegevens", "fr": "Conflit avec des données existantes"}},
		{"too large", agency, request{method: http.MethodPost, target: "/api/v1/submissions", file: []byte(strings.Repeat("x", 200_000)), fileName: "big.csv"},
			false, 413, "urn:problem-type:belgif:payloadTooLarge", map[string]string{"nl": "Aanvraag te groot", "fr": "Demande trop volumineuse"}},
		{"not JSON", coordinator, request{method: http.MethodPost, target: "/api/v1/organisations", json: taken, header: map[string]string{"Content-Type": "text/plain"}},
			false, 415, "urn:problem-type:infocentre:unsupportedMediaType", map[string]string{"nl": "Mediatype niet ondersteund", "fr": "Type de média non pris en charge"}},
		{"busy", agency, request{method: http.MethodPost, target: "/api/v1/submissions", file: file, fileName: "fin.csv"},
			true, 503, "urn:problem-type:belgif:serviceUnavailable", map[string]string{"nl": "Dienst niet beschikbaar", "fr": "Service indisponible"}},
	}
	for _, tt := range tests {
		for _, lang := range []string{"nl", "fr"} {
			t.Run(tt.name+" "+lang, func(t *testing.T) {
				tt.req.header = withHeader(tt.req.header, "Accept-Language", lang+"-BE")
				if tt.busy {
					defer holdSlot(t, srv.fileChecks)()
				}
				rec := tt.u.do(t, h, tt.req)
				checkProblem(t, rec, tt.status, tt.typ, lang, tt.title[lang], tt.req.target)
			})
		}
	}
}

// TestAPITooManyRequestsIsAProblem: no API route limits its callers yet,
// so the renderer is given the 429 that a limit answers.
func TestAPITooManyRequestsIsAProblem(t *testing.T) {
	srv, _ := newTestServer(t)
	for lang, title := range map[string]string{"nl": "Te veel aanvragen", "fr": "Trop de demandes"} {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/observations", nil)
		req.Header.Set("Accept-Language", lang)
		rec := httptest.NewRecorder()
		srv.handleError(echo.NewHTTPError(http.StatusTooManyRequests, newLocale(lang).T("error.429")), srv.echo.NewContext(req, rec))
		checkProblem(t, rec, 429, "urn:problem-type:belgif:tooManyRequests", lang, title, "/api/v1/observations")
	}
}

func withHeader(h map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for hk, hv := range h {
		out[hk] = hv
	}
	out[k] = v
	return out
}

// checkProblem checks that rec is the problem of the given status, type and
// title in lang, with a detail in lang and the first shape's fields.
func checkProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, typ, lang, title, target string) {
	t.Helper()
	var p struct {
		Type, Title, Detail, Instance, Error, Message string
		Status                                        int
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("status %d, body %s: %v", rec.Code, rec.Body, err)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	if cl := rec.Header().Get("Content-Language"); cl != lang {
		t.Errorf("Content-Language %q, want %q", cl, lang)
	}
	if rec.Code != status || p.Status != status || p.Type != typ || p.Title != title {
		t.Errorf("got %d %+v; want %d, type %s, title %q", rec.Code, p, status, typ, title)
	}
	if path, _, _ := strings.Cut(target, "?"); p.Instance != path {
		t.Errorf("instance %q, want %q", p.Instance, path)
	}
	if p.Detail == "" || p.Message != p.Detail || p.Error != http.StatusText(status) {
		t.Errorf("detail %q, message %q, error %q", p.Detail, p.Message, p.Error)
	}
	for _, w := range pageEnglish[lang] {
		if strings.Contains(visibleText(p.Detail), w) {
			t.Errorf("detail in %s holds English %q: %q", lang, w, p.Detail)
		}
	}
}
