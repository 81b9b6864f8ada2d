package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestAPIErrorsInTheReadersLanguage: a domain error's message is rendered
// in the language of ?lang=, else Accept-Language; the error and the status
// stay as data.
func TestAPIErrorsInTheReadersLanguage(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coordinator := withToken(t, st, newAccount(t, st, "coord@fcmn.example", auth.RoleCoordinator, "", false))
	agency := withToken(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	const taken = `{"code":"FIN","name":{"nl":"Dubbel NL","fr":"Dubbel FR","en":"Dubbel EN"},"kind":"public_institution","second_line":"federal_ombudsman","group":"other"}`
	tests := []struct {
		name     string
		req      request
		status   int
		want     string
		language string
	}{
		{"bad year nl", request{method: http.MethodGet, target: "/api/v1/observations?year=twintig", header: map[string]string{"Accept-Language": "nl-BE,nl;q=0.9"}},
			http.StatusBadRequest, `year=“twintig” is geen jaar van 2000 tot`, "nl"},
		{"bad year fr", request{method: http.MethodGet, target: "/api/v1/observations?year=vingt", header: map[string]string{"Accept-Language": "fr-BE"}},
			http.StatusBadRequest, "year=«\u00a0vingt\u00a0» n’est pas une année de 2000 à", "fr"},
		{"bad year ?lang=en wins", request{method: http.MethodGet, target: "/api/v1/observations?year=twenty&lang=en", header: map[string]string{"Accept-Language": "nl"}},
			http.StatusBadRequest, `year=“twenty” is not a year from 2000 to`, "en"},
		{"unknown organisation nl", request{method: http.MethodGet, target: "/api/v1/observations?organisation=NOPE", header: map[string]string{"Accept-Language": "nl"}},
			http.StatusNotFound, `onbekende organisatie “NOPE”`, "nl"},
		{"unknown organisation ?lang=fr", request{method: http.MethodGet, target: "/api/v1/observations?organisation=NOPE&lang=fr"},
			http.StatusNotFound, "organisation inconnue «\u00a0NOPE\u00a0»", "fr"},
		{"unknown rate fr", request{method: http.MethodGet, target: "/api/v1/rates?rate=nope", header: map[string]string{"Accept-Language": "fr-BE,fr;q=0.9"}},
			http.StatusNotFound, "taux inconnu «\u00a0nope\u00a0»", "fr"},
		{"no such route nl", request{method: http.MethodGet, target: "/api/v1/nope", header: map[string]string{"Accept-Language": "nl"}},
			http.StatusNotFound, "Deze pagina of deze gegevens bestaan niet.", "nl"},
		{"no such route fr", request{method: http.MethodGet, target: "/api/v1/nope?lang=fr"},
			http.StatusNotFound, "Cette page ou ces données n'existent pas.", "fr"},
		{"conflict nl", request{method: http.MethodPost, target: "/api/v1/organisations", json: taken, header: map[string]string{"Accept-Language": "nl"}},
			http.StatusConflict, "code FIN wordt al gebruikt door FIN (FOD Financiën)", "nl"},
		{"conflict fr", request{method: http.MethodPost, target: "/api/v1/organisations", json: taken, header: map[string]string{"Accept-Language": "fr"}},
			http.StatusConflict, "le code FIN est déjà utilisé par FIN (SPF Finances)", "fr"},
		{"review of a published submission nl", request{method: http.MethodPost, target: "/api/v1/submissions/1/approve", header: map[string]string{"Accept-Language": "nl"}},
			http.StatusConflict, "inzending 1 heeft de status “Goedgekeurd” en wacht niet op beoordeling", "nl"},
		{"review of a published submission fr", request{method: http.MethodPost, target: "/api/v1/submissions/1/approve?lang=fr"},
			http.StatusConflict, "l’envoi 1 a le statut «\u00a0Approuvé\u00a0» et n’attend pas d’examen", "fr"},
		{"reserved to the coordinator nl", request{method: http.MethodPost, target: "/api/v1/submissions/1/approve", header: map[string]string{"Accept-Language": "nl"}},
			http.StatusForbidden, "dit is voorbehouden aan de rollen Coördinator; u bent aangemeld als Agentschap", "nl"},
		{"reserved to the coordinator fr", request{method: http.MethodPost, target: "/api/v1/submissions/1/approve?lang=fr"},
			http.StatusForbidden, "ceci est réservé aux rôles Coordinateur\u00a0; votre rôle est Agence", "fr"},
		{"conflict en", request{method: http.MethodPost, target: "/api/v1/organisations?lang=en", json: taken, header: map[string]string{"Accept-Language": "fr"}},
			http.StatusConflict, "code FIN is already used by FIN (FPS Finance)", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := coordinator
			if strings.HasPrefix(tt.name, "reserved to the coordinator") {
				u = agency
			}
			rec := u.do(t, h, tt.req)
			var ans struct{ Error, Message string }
			if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
				t.Fatalf("status %d, body %s: %v", rec.Code, rec.Body, err)
			}
			if rec.Code != tt.status || ans.Error != http.StatusText(tt.status) {
				t.Errorf("status %d, error %q; want %d", rec.Code, ans.Error, tt.status)
			}
			if !strings.Contains(ans.Message, tt.want) {
				t.Errorf("message %q, want %q", ans.Message, tt.want)
			}
			if tt.language != "en" {
				for _, w := range pageEnglish[tt.language] {
					if strings.Contains(visibleText(ans.Message), w) {
						t.Errorf("message in %s holds English %q: %q", tt.language, w, ans.Message)
					}
				}
			}
		})
	}
}

// TestErrorPageInDutch: the error page explains the status and shows the
// domain error's message in the visitor's language.
func TestErrorPageInDutch(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	tests := []struct {
		name, target, lang string
		status             int
		want               []string
	}{
		{"nl", "/trends?indicator=nope", "nl", http.StatusNotFound, []string{`<html lang="nl">`, `onbekende indicator “nope”`}},
		{"fr", "/trends?indicator=nope", "fr", http.StatusNotFound, []string{`<html lang="fr">`, "indicateur inconnu «\u00a0nope\u00a0»"}},
		{"en", "/trends?indicator=nope", "en", http.StatusNotFound, []string{`<html lang="en">`, `unknown indicator “nope”`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.target, "Accept-Language", tt.lang)
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range pageEnglish[tt.lang] {
				if strings.Contains(visibleText(body), w) {
					t.Errorf("page in %s holds English %q", tt.lang, w)
				}
			}
		})
	}
}
