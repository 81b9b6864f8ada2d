package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

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
	agencyAccount := newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false)
	agency := withToken(t, st, agencyAccount)
	for range tokenMax { // the agency created every token it may in the hour
		srv.tokens.Allow(agencyAccount.ID)
	}
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
		{"too many", agency, request{method: http.MethodPost, target: "/api/v1/tokens", json: `{}`},
			false, 429, "urn:problem-type:belgif:tooManyRequests", map[string]string{"nl": "Te veel aanvragen", "fr": "Trop de demandes"}},
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

// TestAPITokenCreationIsLimited: POST /api/v1/tokens, a real route with a
// limit, answers tokenMax tokens, then a 429 problem (Belgif's
// tooManyRequests) with Retry-After, in Dutch and in French, which the
// OpenAPI document describes (the do helper checks it); another account is
// not limited by the first one's tokens.
func TestAPITokenCreationIsLimited(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	other := withToken(t, st, newAccount(t, st, "other@fin.example", auth.RoleAgency, "FIN", false))
	create := func(u *user, lang string) *httptest.ResponseRecorder {
		return u.do(t, h, request{method: http.MethodPost, target: "/api/v1/tokens", json: `{}`, header: map[string]string{"Accept-Language": lang}})
	}
	for i := range tokenMax {
		if rec := create(agency, "en"); rec.Code != http.StatusCreated {
			t.Fatalf("token %d: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	for lang, title := range map[string]string{"nl": "Te veel aanvragen", "fr": "Trop de demandes"} {
		rec := create(agency, lang)
		checkProblem(t, rec, 429, "urn:problem-type:belgif:tooManyRequests", lang, title, "/api/v1/tokens")
		if wait, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || wait < 1 || wait > int(tokenWindow.Seconds())+1 {
			t.Errorf("Retry-After %q, want 1 to %d seconds", rec.Header().Get("Retry-After"), int(tokenWindow.Seconds())+1)
		}
		if !strings.Contains(rec.Body.String(), strconv.Itoa(tokenMax)) {
			t.Errorf("the detail does not say the limit: %s", rec.Body)
		}
	}
	if rec := create(other, "en"); rec.Code != http.StatusCreated {
		t.Errorf("another account: %d %s", rec.Code, rec.Body)
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
