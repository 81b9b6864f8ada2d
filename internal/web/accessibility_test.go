package web

import (
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/htmltest"
)

// TestAccessibilityStatement: /accessibility answers in the three languages
// with the conformance status and the contact, the placeholder unless the
// server was given one; every page's footer links to it, the report too.
func TestAccessibilityStatement(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	status := map[string]string{"nl": "voldoet gedeeltelijk", "fr": "partiellement conforme", "en": "partially conformant"}
	for lang, want := range status {
		rec := get(t, h, "/accessibility?lang="+lang)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, want) || !strings.Contains(body, "WCAG") {
			t.Errorf("%s: %d, want 200 with %q and WCAG", lang, rec.Code, want)
		}
		if !htmltest.Parse(t, body).Has(`a[href="mailto:` + placeholderContact + `"]`) {
			t.Errorf("%s: no mailto:%s", lang, placeholderContact)
		}
		if rec.Header().Get("Cache-Control") == "" {
			t.Errorf("%s: no Cache-Control: the statement is a public page", lang)
		}
	}
	for _, page := range []string{"/", "/login", "/no-such-page", "/reports/network", "/reports/organisations/FIN"} {
		if body := get(t, h, page).Body.String(); !htmltest.Parse(t, body).Has("footer a[href=/accessibility]") {
			t.Errorf("%s: the footer does not link to /accessibility", page)
		}
	}

	configured, _ := newTestServer(t)
	configured.cfg.AccessibilityContact = "klachten@example.be"
	if body := get(t, configured.Handler(), "/accessibility?lang=nl").Body.String(); !htmltest.Parse(t, body).Has("a[href=mailto:klachten@example.be]") {
		t.Error("the configured contact is not on the statement")
	}
}
