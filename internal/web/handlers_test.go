package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	checkContract(t, req, rec)
	return rec
}

func TestPages(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	tests := []struct {
		name   string
		target string
		status int
		want   []string
		absent []string
	}{
		{"overview nl latest year", "/?lang=nl", 200, []string{
			`<html lang="nl">`, "Overzicht van het netwerk",
			`<strong class="tile-value">4.345</strong>`, // 2345+1200+700+100
			"2023: 4.280", // previous year beside it
			"<strong class=\"tile-value\">78,2\u00a0%</strong>", // 3399 admissible of 4345
			"4 van 26 administraties rapporteerden voor 2024",
			`href="/organisations/JUST">FOD Justitie</a>`, // did not report 2024
			`id="overview-trend"`, `data-option="{`,
		}, nil},
		{"overview fr earlier year", "/?lang=fr&year=2023", 200, []string{
			"Aperçu du réseau", "4\u00a0280", "5 administrations sur 26 ont rapporté pour 2023",
		}, []string{`href="/organisations/JUST">`}},
		{"overview narrowed to a group", "/?lang=en&group=social_security", 200, []string{
			"Group totals move", `<strong class="tile-value">2,445</strong>`, // SFP + RSZ
			`href="/?group=social_security&amp;year=2023"`,                 // the trend table keeps the scope
			"organisation=SFP&amp;organisation=RSZ&amp;organisation=RIZIV", // the extract names the group's members
		}, nil},
		{"compare received en", "/compare?indicator=received&year=2024&lang=en", 200, []string{
			"Compare administrations", "Median: 950", "2,345", "Federal Pensions Service",
			`href="/extract.csv?indicator=received&amp;lang=en&amp;year=2023&amp;year=2024"`,
			`href="/extract.xlsx?indicator=received&amp;lang=en&amp;year=2023&amp;year=2024"`,
		}, nil},
		{"compare derived rate nl", "/compare?indicator=admissible_share&year=2024&lang=nl", 200, []string{
			"Aandeel ontvankelijke klachten", "Mediaan: 77,5\u00a0%", "90,0\u00a0%",
			"indicator=admissible&amp;indicator=received",
		}, nil},
		{"compare change", "/compare?indicator=received&year=2024&view=change&lang=en", 200, []string{
			"2023–2024", "&#43;245", // SFP 2100 -> 2345; html/template escapes +
		}, nil},
		{"compare breakdown as shares", "/compare?indicator=by_channel&year=2024&lang=fr", 200, []string{
			"Plaintes par canal", "Lettre", `data-unit="percent"`, "50,0\u00a0%",
		}, []string{"Fax"}},
		{"compare one administration", "/compare?indicator=received&year=2024&organisation=POL&lang=en", 200, []string{
			"Federal Police", "organisation=POL",
		}, []string{"Federal Pensions Service</a>"}},
		{"profile", "/organisations/JUST?lang=en", 200, []string{
			"FPS Justice", `<dd id="second-line">Federal Ombudsman</dd>`, `<dd id="not-reported">2024</dd>`,
			`id="profile-received"`, `id="profile-by_channel"`, "organisation=JUST",
		}, nil},
		{"profile second line", "/organisations/POL?lang=nl", 200, []string{`<dd id="second-line">Comité P</dd>`}, nil},
		{"trends default five largest", "/trends?indicator=received&lang=en", 200, []string{
			"Trends over the years", `value="SFP" checked`, `value="FIN" checked`, `value="RSZ" checked`,
		}, []string{`value="BOSA" checked`, `value="JUST" checked`}}, // JUST did not report the latest year
		{"trends chosen", "/trends?indicator=avg_days&organisation=FIN&organisation=POL&lang=en", 200, []string{
			`value="FIN" checked`, `value="POL" checked`, "organisation=FIN&amp;organisation=POL",
		}, []string{`value="SFP" checked`}},
		{"extract page", "/extract?lang=fr", 200, []string{"Extraire des données", `formaction="/extract.csv"`, `value="2024"`}, nil},
		{"unknown indicator", "/compare?indicator=nope&lang=fr", 404, []string{"Cette page ou ces données n", `href="/"`}, nil},
		{"unknown organisation", "/organisations/NOPE?lang=nl", 404, []string{"Deze pagina of deze gegevens bestaan niet", `href="/compare"`}, nil},
		{"unknown year", "/compare?year=2001&lang=en", 404, []string{"do not exist"}, nil},
		{"year out of bounds", "/compare?year=1990&lang=en", 400, []string{"This request is malformed", "1990"}, nil},
		{"unknown group", "/?group=nope", 404, nil, nil},
		{"malformed year", "/compare?year=abc&lang=en", 400, []string{"This request is malformed", "abc"}, nil},
		{"malformed view", "/compare?view=sideways", 400, nil, nil},
		{"breakdown has no trend", "/trends?indicator=by_channel", 404, nil, nil},
		{"unknown route", "/nowhere?lang=fr", 404, []string{"existent pas"}, nil},
		{"compare narrowed from its own form", "/compare?organisation=FIN&lang=en", 200, []string{`<option value="FIN" selected>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.target)
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d\n%s", rec.Code, tt.status, body)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(body, a) {
					t.Errorf("body has %q", a)
				}
			}
			if m := inlineScript.FindString(body); m != "" {
				t.Errorf("inline script %q: the CSP forbids it", m)
			}
		})
	}
}

// inlineScript matches a <script> without src, which the CSP would block.
var inlineScript = regexp.MustCompile(`<script(?:\s+[^>]*)?>[^<]+</script>|<script>`)

func TestLanguageChoice(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	tests := []struct {
		name   string
		header []string
		target string
		want   string
	}{
		{"default is English", nil, "/", `<html lang="en">`},
		{"from Accept-Language", []string{"Accept-Language", "fr-BE,fr;q=0.9,en;q=0.5"}, "/", `<html lang="fr">`},
		{"Accept-Language by quality", []string{"Accept-Language", "de, en;q=0.3, nl;q=0.8"}, "/", `<html lang="nl">`},
		{"cookie beats Accept-Language", []string{"Accept-Language", "fr", "Cookie", "lang=nl"}, "/", `<html lang="nl">`},
		{"query beats cookie", []string{"Cookie", "lang=nl"}, "/?lang=en", `<html lang="en">`},
		{"unknown language ignored", []string{"Accept-Language", "fr"}, "/?lang=xx", `<html lang="fr">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.target, tt.header...)
			if !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("body lacks %q", tt.want)
			}
		})
	}
	t.Run("query is remembered in a cookie", func(t *testing.T) {
		rec := get(t, h, "/compare?lang=fr")
		ck := rec.Header().Get("Set-Cookie")
		if !strings.Contains(ck, "lang=fr") || !strings.Contains(ck, "HttpOnly") {
			t.Errorf("Set-Cookie = %q, want lang=fr, HttpOnly", ck)
		}
	})
}

func TestNewSubmissionInvalidatesCache(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	target := "/compare?indicator=received&year=2024&lang=en"
	if body := get(t, h, target).Body.String(); !strings.Contains(body, "2,345") {
		t.Fatal("first answer lacks SFP's 2,345")
	}
	importApproved(t, st, "correction.csv", fixtureObservations("SFP", 2024, 2500))
	body := get(t, h, target).Body.String()
	if strings.Contains(body, "2,345") || !strings.Contains(body, "2,500") {
		t.Error("the page still shows the superseded figure after a new approved submission")
	}
}

func TestAPI(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	t.Run("observations filtered", func(t *testing.T) {
		rec := get(t, h, "/api/v1/observations?organisation=FIN&year=2024&indicator=received&indicator=avg_days")
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var got []domain.Observation
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{"received": 1200, "avg_days": 22}
		if len(got) != len(want) {
			t.Fatalf("got %d observations, want %d: %+v", len(got), len(want), got)
		}
		for _, o := range got {
			if o.Organisation != "FIN" || o.Year != 2024 || want[o.Indicator] != o.Value {
				t.Errorf("unexpected %+v", o)
			}
		}
	})
	t.Run("empty result is a list", func(t *testing.T) {
		rec := get(t, h, "/api/v1/observations?year=2001")
		if strings.TrimSpace(rec.Body.String()) != "[]" {
			t.Errorf("body = %q, want []", rec.Body)
		}
	})
	errorsTests := []struct {
		target string
		status int
	}{
		{"/api/v1/observations?year=abc", 400},
		{"/api/v1/observations?organisation=NOPE", 404},
		{"/api/v1/observations?indicator=nope", 404},
	}
	for _, tt := range errorsTests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, h, tt.target)
			var body struct{ Message string }
			if rec.Code != tt.status || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Message == "" {
				t.Errorf("got %d %q, want %d with a JSON message", rec.Code, rec.Body, tt.status)
			}
		})
	}
	t.Run("reference lists", func(t *testing.T) {
		for target, want := range map[string]string{
			"/api/v1/indicators":    `"code":"received"`,
			"/api/v1/organisations": `"second_line":"comite_p"`,
		} {
			rec := get(t, h, target)
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("%s: %d, body lacks %s", target, rec.Code, want)
			}
		}
	})
	t.Run("healthz", func(t *testing.T) {
		if rec := get(t, h, "/healthz"); rec.Code != 200 {
			t.Errorf("status %d", rec.Code)
		}
	})
}

func TestExtractDownloads(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	tests := []struct {
		target, contentType, ext string
	}{
		{"/extract.csv?indicator=received&year=2023&year=2024&lang=en", "text/csv", ".csv"},
		{"/extract.xlsx?indicator=received&organisation=FIN", "application/vnd.openxmlformats", ".xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, h, tt.target)
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.contentType) {
				t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
			}
			if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, tt.ext) {
				t.Errorf("Content-Disposition = %q", cd)
			}
			if rec.Body.Len() == 0 {
				t.Error("empty extract")
			}
		})
	}
	if rec := get(t, h, "/extract.csv?year=abc"); rec.Code != 400 {
		t.Errorf("malformed extract year: status %d, want 400", rec.Code)
	}
}

func TestSecurityHeadersAndAssets(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	rec := get(t, h, "/")
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "http") {
		t.Errorf("CSP = %q, want scripts from self only and no outside host", csp)
	}
	if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Referrer-Policy") == "" {
		t.Errorf("missing basic headers: %v", rec.Header())
	}
	for _, asset := range []string{"/assets/style.css", "/assets/charts.js"} {
		if rec := get(t, h, asset); rec.Code != 200 || rec.Body.Len() == 0 {
			t.Errorf("%s: status %d", asset, rec.Code)
		}
	}
}
