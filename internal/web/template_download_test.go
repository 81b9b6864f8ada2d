package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/testfiles"
	"github.com/fcmn/infocentre/internal/yeartemplate"
)

// TestTemplateDownload: an agency gets its own administration's template
// and no other's; the coordinator names one; a visitor and the analyst get
// none; the API answers the same as the site.
func TestTemplateDownload(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	fin := newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false)
	agency, coordinator := signIn(t, st, fin), signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	analyst := signIn(t, st, newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false))
	var visitor *user
	for _, c := range []struct {
		name   string
		who    *user
		target string
		code   int
		file   string // the attachment's name when 200
	}{
		{"agency, its own", agency, "/submissions/template.xlsx?year=2024&lang=nl", 200, "infocentre-FIN-2024-nl.xlsx"},
		{"agency, its own named", agency, "/submissions/template.xlsx?year=2024&lang=fr&org=FIN", 200, "infocentre-FIN-2024-fr.xlsx"},
		{"agency, another's", agency, "/submissions/template.xlsx?year=2024&org=JUST", 403, ""},
		{"agency, no year", agency, "/submissions/template.xlsx", 400, ""},
		{"agency, unknown language", agency, "/submissions/template.xlsx?year=2024&lang=de", 400, ""},
		{"visitor", visitor, "/submissions/template.xlsx?year=2024&org=FIN", 303, ""},
		{"analyst", analyst, "/submissions/template.xlsx?year=2024&org=FIN", 403, ""},
		{"coordinator, named", coordinator, "/submissions/template.xlsx?year=2024&lang=en&org=JUST", 200, "infocentre-JUST-2024-en.xlsx"},
		{"coordinator, unnamed", coordinator, "/submissions/template.xlsx?year=2024", 400, ""},
		{"coordinator, unknown", coordinator, "/submissions/template.xlsx?year=2024&org=NOPE", 404, ""},
		{"API, agency", withToken(t, st, fin), "/api/v1/template.xlsx?year=2024&lang=en", 200, "infocentre-FIN-2024-en.xlsx"},
		{"API, agency, another's", withToken(t, st, fin), "/api/v1/template.xlsx?year=2024&org=JUST", 403, ""},
		{"API, anonymous", visitor, "/api/v1/template.xlsx?year=2024&org=FIN", 401, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := c.who.do(t, h, request{method: http.MethodGet, target: c.target})
			if rec.Code != c.code {
				t.Fatalf("%s: %d, want %d\n%.1000s", c.target, rec.Code, c.code, rec.Body)
			}
			if c.code != 200 {
				return
			}
			if ct := rec.Header().Get("Content-Type"); ct != yeartemplate.ContentType {
				t.Errorf("Content-Type %q", ct)
			}
			if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename=`+c.file) {
				t.Errorf("Content-Disposition %q, want %s", cd, c.file)
			}
			f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			org := strings.Split(c.file, "-")[1]
			if a1, _ := f.GetCellValue(ingest.TemplateSheet, "A1"); !strings.HasSuffix(a1, "("+org+")") {
				t.Errorf("A1 = %q, want the administration %s", a1, org)
			}
		})
	}
}

// TestTemplateThroughTheSite: the template an agency downloads, filled in
// with another library, goes through the upload page's preview with no
// problem and its confirmation stores the values typed; the submission's
// page then links to the template filled with the published values; an
// empty template is refused in the preview with its one sentence.
func TestTemplateThroughTheSite(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	// An administration without published figures: values far from an
	// administration's past are flagged for an explanation, which is the
	// values' doing, not the template's.
	org := ""
	for _, o := range reference.MustReport(st.Reference().Organisations, 2024, "") {
		if pub, err := st.Published(ctx, store.Filter{Organisations: []string{o.Code}}); err == nil && len(pub) == 0 {
			org = o.Code
			break
		}
	}
	if org == "" {
		t.Fatal("every administration of the fixture has published figures")
	}
	agency := signIn(t, st, newAccount(t, st, "agency@template.example", auth.RoleAgency, org, false))
	name := "infocentre-" + org + "-2024-fr.xlsx"
	download := func(target string) []byte {
		t.Helper()
		rec := agency.do(t, h, request{method: http.MethodGet, target: target})
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d\n%.1000s", target, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	blank := download("/submissions/template.xlsx?year=2024&lang=fr")

	_, code, body := previewOf(t, agency, h, blank, name, "fr")
	if code != http.StatusUnprocessableEntity || strings.Count(body, "aucune valeur n’a été complétée") != 1 || strings.Count(between(body, `id="preview-errors"`, "</section>"), "<li>") != 1 || strings.Contains(body, `name="id" value="`) {
		t.Errorf("empty template: %d, want refused with one sentence and nothing to confirm\n%.3000s", code, body)
	}

	col, _ := excelize.ColumnNameToNumber(yeartemplate.ValueColumn)
	typed := testfiles.TemplateFigures()
	filled, err := testfiles.FillTemplate(blank, ingest.TemplateSheet, yeartemplate.HeaderRow, col-1, typed)
	if err != nil {
		t.Fatal(err)
	}
	id, code, body := previewOf(t, agency, h, filled, name, "fr")
	if code != http.StatusOK || id == "" || strings.Contains(body, "preview-errors") || strings.Contains(body, "preview-warnings") || strings.Contains(body, "preview-flagged") {
		t.Fatalf("filled template: %d, id %q, want a preview without problems\n%.3000s", code, id, body)
	}
	if rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {id}}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.2000s", rec.Code, rec.Body)
	}
	subs, err := st.History(ctx, org)
	if err != nil || len(subs) != 1 {
		t.Fatalf("history %v, %v: want one submission", subs, err)
	}
	_, obs, err := st.Submission(ctx, subs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != len(typed) {
		t.Errorf("%d values stored, want %d", len(obs), len(typed))
	}
	for _, o := range obs {
		if want, ok := typed[testfiles.Figure{Indicator: o.Indicator, Breakdown: o.Breakdown}]; !ok || o.Value != want {
			t.Errorf("%s %s: stored %v, typed %v", o.Indicator, o.Breakdown, o.Value, want)
		}
	}

	page := agency.do(t, h, request{method: http.MethodGet, target: "/submissions/" + itoa(subs[0].ID) + "?lang=nl"})
	href := html.UnescapeString(between(page.Body.String(), `id="prefilled-template" href="`, `"`))
	if page.Code != http.StatusOK || href != "/submissions/template.xlsx?org="+org+"&year=2024&lang=nl&prefill=1" {
		t.Fatalf("submission page %d: prefilled template link %q", page.Code, href)
	}
	if len(download(href)) == 0 {
		t.Error("the prefilled template is empty")
	}
}
