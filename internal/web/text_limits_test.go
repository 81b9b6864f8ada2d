package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestTextLimits: a text a person types is refused, with its field and
// bound named in the reader's language, when it is too long or (a name)
// holds a control character, through the API and the site alike; nothing
// is stored.
func TestTextLimits(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	api := withToken(t, st, coord.acct)
	org := func(name string) string {
		b, _ := json.Marshal(map[string]any{"code": "NEWORG", "name": map[string]string{"nl": name, "fr": "Nouveau", "en": "New"},
			"kind": "public_institution", "second_line": "federal_ombudsman", "group": "other"})
		return string(b)
	}
	stored := func() bool { _, ok := st.Reference().Organisation("NEWORG"); return ok }

	for _, c := range []struct{ name, value, want string }{
		{"a million characters", strings.Repeat("x", 1_000_000), "the name in NL is longer than 200 characters"},
		{"line feed", "Nieuwe\nDienst", "the name in NL must fit on one line"},
		{"carriage return", "Nieuwe\rDienst", "the name in NL must fit on one line"},
		{"NUL", "Nieuwe\x00Dienst", "the name in NL must fit on one line"},
	} {
		t.Run("API "+c.name, func(t *testing.T) {
			rec := api.do(t, h, request{method: http.MethodPost, target: "/api/v1/organisations?lang=en", json: org(c.value)})
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("%d %.300s", rec.Code, rec.Body)
			}
			if len(rec.Body.String()) > 2000 {
				t.Errorf("the refusal repeats the text: %d bytes", rec.Body.Len())
			}
			if stored() {
				t.Fatal("the administration was stored")
			}
		})
	}
	t.Run("site, in Dutch", func(t *testing.T) {
		rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/organisations?lang=nl", form: url.Values{
			"code": {"NEWORG"}, "name_nl": {"Nieuwe\r\nDienst"}, "name_fr": {"Nouveau"}, "name_en": {"New"},
			"kind": {"public_institution"}, "second_line": {"federal_ombudsman"}, "group": {"other"}}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "de naam in het Nederlands moet op één regel staan") {
			t.Errorf("%d %.2000s", rec.Code, rec.Body)
		}
		if stored() {
			t.Fatal("the administration was stored")
		}
	})
	t.Run("a fitting name is taken", func(t *testing.T) {
		if rec := api.do(t, h, request{method: http.MethodPost, target: "/api/v1/organisations", json: org(strings.Repeat("é", 200))}); rec.Code != http.StatusCreated {
			t.Fatalf("%d %.300s", rec.Code, rec.Body)
		}
	})

	others := []struct {
		name string
		req  request
		want string
	}{
		{"group name with a tab", request{method: http.MethodPost, target: "/api/v1/groups?lang=fr",
			json: `{"code":"newgroup","name":{"nl":"Groep","fr":"Gr\toupe","en":"Group"}}`}, "le nom du groupe en français doit tenir sur une ligne"},
		{"abbreviation too long", request{method: http.MethodPut, target: "/api/v1/organisations/FIN?lang=en",
			json: `{"abbreviations":["` + strings.Repeat("A", 201) + `"]}`}, "an abbreviation is longer than 200 characters"},
		{"definition too long", request{method: http.MethodPost, target: "/api/v1/indicators/received/definitions?lang=nl",
			json: `{"lang":"nl","from_year":2025,"text":"` + strings.Repeat("d", 4001) + `"}`}, "de definitie is langer dan 4000 tekens"},
		{"definition with an escape", request{method: http.MethodPost, target: "/api/v1/indicators/received/definitions?lang=en",
			json: `{"lang":"nl","from_year":2025,"text":"line one\nline \u001b[31m two"}`}, "the definition contains an invisible control character"},
		{"round message too long", request{method: http.MethodPost, target: "/api/v1/rounds?lang=en",
			json: `{"year":2026,"deadline":"2027-03-31","message_fr":"` + strings.Repeat("m", 10_001) + `"}`}, "the message in FR is longer than 10000 characters"},
	}
	for _, c := range others {
		t.Run(c.name, func(t *testing.T) {
			rec := api.do(t, h, c.req)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("%d %.300s", rec.Code, rec.Body)
			}
		})
	}
	if _, err := st.Round(context.Background(), 2026); err == nil {
		t.Error("the round with a long message was opened")
	}
	if g := st.Reference().Groups; len(g) > 0 && g[len(g)-1].Code == "newgroup" {
		t.Error("the group was stored")
	}
	if in, _ := st.Reference().Indicator("received"); strings.Contains(in.DefinitionIn("nl", 2025), "line one") ||
		strings.Contains(in.DefinitionIn("nl", 2025), "ddd") {
		t.Error("a refused definition was stored")
	}
}

// TestEmailAddressLimits: the coordinator's form refuses an address
// beyond RFC 5321's lengths or with a literal IP domain, and creates none.
func TestEmailAddressLimits(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	for _, c := range []struct{ email, want string }{
		{strings.Repeat("a", 65) + "@example.be", "the part of an e-mail address before the @ is at most 64 characters long"},
		{"a@" + strings.Repeat("b", 250) + ".be", "the e-mail address is longer than 254 characters"},
		{"agent@[192.0.2.1]", "not in an IP address between brackets"},
	} {
		rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/accounts?lang=en", form: url.Values{
			"email": {c.email}, "role": {auth.RoleAnalyst}}})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%.40s: %d, want %q", c.email, rec.Code, c.want)
		}
		if _, _, err := st.AccountByEmail(context.Background(), c.email); err == nil {
			t.Errorf("%.40s: the account was created", c.email)
		}
	}
}
