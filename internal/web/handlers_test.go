package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
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

// elem is an element a page must (or must not) have: one that matches sel
// and, when text is given, whose whole text is text.
type elem struct{ sel, text string }

// in reports whether the page has the element.
func (e elem) in(p *htmltest.Page) bool {
	if e.text == "" {
		return p.Has(e.sel)
	}
	return p.HasText(e.sel, e.text)
}

func TestPages(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	tests := []struct {
		name       string
		target     string
		status     int
		text       []string // what the page reads
		elems      []elem
		absentText []string
		absent     []elem
	}{
		{name: "overview nl latest year", target: "/?lang=nl", status: 200,
			text: []string{"Overzicht van het netwerk",
				"2023: 4.280", // previous year beside it
				"4 van 26 administraties rapporteerden voor 2024"},
			elems: []elem{{"html[lang=nl]", ""},
				{"strong.tile-value", "4.345"},                    // 2345+1200+700+100
				{"strong.tile-value", "78,2\u00a0%"},              // 3399 admissible of 4345
				{`a[href="/organisations/JUST"]`, "FOD Justitie"}, // did not report 2024
				{"#overview-trend[data-option^={]", ""}}},
		{name: "overview fr earlier year", target: "/?lang=fr&year=2023", status: 200,
			text:   []string{"Aperçu du réseau", "4\u00a0280", "5 administrations sur 26 ont rapporté pour 2023"},
			absent: []elem{{`a[href="/organisations/JUST"]`, ""}}},
		{name: "overview narrowed to a group", target: "/?lang=en&group=social_security", status: 200,
			text: []string{"Group totals move"},
			elems: []elem{{"strong.tile-value", "2,445"}, // SFP + RSZ
				{`a[href="/?group=social_security&year=2023"]`, ""},                       // the trend table keeps the scope
				{`a[href*="organisation=SFP&organisation=RSZ&organisation=RIZIV"]`, ""}}}, // the extract names the group's members
		{name: "compare received en", target: "/compare?indicator=received&year=2024&lang=en", status: 200,
			text: []string{"Compare administrations", "2,345", "Federal Pensions Service"},
			elems: []elem{{`[data-option*="Median: 950"]`, ""}, // the chart's median line
				{`a[href="/extract.csv?indicator=received&lang=en&year=2023&year=2024"]`, ""},
				{`a[href="/extract.xlsx?indicator=received&lang=en&year=2023&year=2024"]`, ""}}},
		{name: "compare derived rate nl", target: "/compare?indicator=admissible_share&year=2024&lang=nl", status: 200,
			text: []string{"Aandeel ontvankelijke klachten", "90,0\u00a0%"},
			elems: []elem{{"[data-option*=\"Mediaan: 77,5\u00a0%\"]", ""},
				{`a[href*="indicator=admissible&indicator=received"]`, ""}}},
		{name: "compare change", target: "/compare?indicator=received&year=2024&view=change&lang=en", status: 200,
			text: []string{"2023–2024", "+245"}}, // SFP 2100 -> 2345
		{name: "compare breakdown as shares", target: "/compare?indicator=by_channel&year=2024&lang=fr", status: 200,
			text:       []string{"Plaintes par canal", "Lettre", "50,0\u00a0%"},
			elems:      []elem{{"[data-unit=percent]", ""}},
			absentText: []string{"Fax"}},
		{name: "compare one administration", target: "/compare?indicator=received&year=2024&organisation=POL&lang=en", status: 200,
			text:   []string{"Federal Police"},
			elems:  []elem{{"[href*=organisation=POL]", ""}},
			absent: []elem{{"a", "Federal Pensions Service"}}},
		{name: "profile", target: "/organisations/JUST?lang=en", status: 200,
			text: []string{"FPS Justice"},
			elems: []elem{{"dd#second-line", "Federal Ombudsman"}, {"dd#not-reported", "2024"},
				{"#profile-received", ""}, {"#profile-by_channel", ""}, {"[href*=organisation=JUST]", ""}}},
		{name: "profile second line", target: "/organisations/POL?lang=nl", status: 200,
			elems: []elem{{"dd#second-line", "Comité P"}}},
		{name: "trends default five largest", target: "/trends?indicator=received&lang=en", status: 200,
			text:   []string{"Trends over the years"},
			elems:  []elem{{"[value=SFP][checked]", ""}, {"[value=FIN][checked]", ""}, {"[value=RSZ][checked]", ""}},
			absent: []elem{{"[value=BOSA][checked]", ""}, {"[value=JUST][checked]", ""}}}, // JUST did not report the latest year
		{name: "trends chosen", target: "/trends?indicator=avg_days&organisation=FIN&organisation=POL&lang=en", status: 200,
			elems:  []elem{{"[value=FIN][checked]", ""}, {"[value=POL][checked]", ""}, {"[href*=organisation=FIN&organisation=POL]", ""}},
			absent: []elem{{"[value=SFP][checked]", ""}}},
		{name: "extract page", target: "/extract?lang=fr", status: 200,
			text:  []string{"Extraire des données"},
			elems: []elem{{"[formaction=/extract.csv]", ""}, {"[value=2024]", ""}}},
		{name: "unknown indicator", target: "/compare?indicator=nope&lang=fr", status: 404,
			text: []string{"Cette page ou ces données n"}, elems: []elem{{`a[href="/"]`, ""}}},
		{name: "unknown organisation", target: "/organisations/NOPE?lang=nl", status: 404,
			text: []string{"Deze pagina of deze gegevens bestaan niet"}, elems: []elem{{"a[href=/compare]", ""}}},
		{name: "unknown year", target: "/compare?year=2001&lang=en", status: 404, text: []string{"do not exist"}},
		{name: "year out of bounds", target: "/compare?year=1990&lang=en", status: 400, text: []string{"This request is malformed", "1990"}},
		{name: "unknown group", target: "/?group=nope", status: 404},
		{name: "malformed year", target: "/compare?year=abc&lang=en", status: 400, text: []string{"This request is malformed", "abc"}},
		{name: "malformed view", target: "/compare?view=sideways", status: 400},
		{name: "breakdown has no trend", target: "/trends?indicator=by_channel", status: 404},
		{name: "unknown route", target: "/nowhere?lang=fr", status: 404, text: []string{"existent pas"}},
		{name: "compare narrowed from its own form", target: "/compare?organisation=FIN&lang=en", status: 200,
			elems: []elem{{"option[value=FIN][selected]", ""}}},
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
			page := htmltest.Parse(t, body)
			text := page.Text()
			for _, w := range tt.text {
				if !strings.Contains(text, w) {
					t.Errorf("the page does not read %q", w)
				}
			}
			for _, a := range tt.absentText {
				if strings.Contains(text, a) {
					t.Errorf("the page reads %q", a)
				}
			}
			for _, e := range tt.elems {
				if !e.in(page) {
					t.Errorf("the page has no %s with the text %q", e.sel, e.text)
				}
			}
			for _, e := range tt.absent {
				if e.in(page) {
					t.Errorf("the page has %s with the text %q", e.sel, e.text)
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
		lang   string // of the page
	}{
		{"default is English", nil, "/", "en"},
		{"from Accept-Language", []string{"Accept-Language", "fr-BE,fr;q=0.9,en;q=0.5"}, "/", "fr"},
		{"Accept-Language by quality", []string{"Accept-Language", "de, en;q=0.3, nl;q=0.8"}, "/", "nl"},
		{"cookie beats Accept-Language", []string{"Accept-Language", "fr", "Cookie", "lang=nl"}, "/", "nl"},
		{"query beats cookie", []string{"Cookie", "lang=nl"}, "/?lang=en", "en"},
		{"unknown language ignored", []string{"Accept-Language", "fr"}, "/?lang=xx", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.target, tt.header...)
			if got := htmltest.Parse(t, rec.Body.String()).Find("html").Attr("lang"); got != tt.lang {
				t.Errorf("<html lang=%q>, want %q", got, tt.lang)
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
