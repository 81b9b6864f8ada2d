package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
)

// TestUploadPreview follows the browser upload: preview (nothing stored),
// confirm once, by its owner only; a refused file cannot be confirmed.
func TestUploadPreview(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	other := signIn(t, st, newAccount(t, st, "other@fin.example", auth.RoleAgency, "FIN", false))
	// FIN 2025 with received 1320, next to 2024's published 1200.
	obs := consistentObservations("FIN", 2025, 1320)

	rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=en", file: wideCSV(obs), fileName: "fin.csv"})
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("preview: %d\n%s", rec.Code, body)
	}
	for _, want := range []string{
		"FPS Finance (FIN)", `<dd id="preview-years">2025</dd>`,
		"<td>received</td><td>Complaints received</td><td><code>received</code></td>", // header → indicator
		`<td class="num">1,320</td><td class="num">1,200</td>`,                        // beside last year's
		`id="confirm"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if subs := submittedOf(t, st, "FIN"); len(subs) != 0 {
		t.Fatalf("the preview stored %+v", subs)
	}
	id := between(body, `name="id" value="`, `"`)
	confirm := request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {id}}}
	if rec := other.do(t, h, confirm); rec.Code != http.StatusNotFound {
		t.Errorf("another account confirmed someone's preview: %d", rec.Code)
	}
	if rec := agency.do(t, h, confirm); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/submissions" {
		t.Fatalf("confirm: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if subs := submittedOf(t, st, "FIN"); len(subs) != 1 || subs[0].Year != 2025 || subs[0].FileName != "fin.csv" {
		t.Fatalf("after confirming: %+v", subs)
	}
	if rec := agency.do(t, h, confirm); rec.Code != http.StatusNotFound {
		t.Errorf("a preview was confirmed twice: %d", rec.Code)
	}
	list := agency.do(t, h, request{method: http.MethodGet, target: "/submissions?lang=en"}).Body.String()
	if !strings.Contains(list, `status-submitted">Submitted`) || !strings.Contains(list, "fin.csv") {
		t.Error("the list does not show the new submission as submitted")
	}

	t.Run("cancel drops the file", func(t *testing.T) {
		rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/preview", file: longCSV(consistentObservations("FIN", 2026, 10))})
		id := between(rec.Body.String(), `name="id" value="`, `"`)
		if rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/cancel", form: url.Values{"id": {id}}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("cancel: %d", rec.Code)
		}
		if rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {id}}}); rec.Code != http.StatusNotFound {
			t.Errorf("a cancelled preview was confirmed: %d", rec.Code)
		}
	})
	t.Run("refused file shows its problems and no confirm", func(t *testing.T) {
		rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=fr",
			file: []byte("organisation,year,indicator,value\nFIN,2026,received,beaucoup\nFIN,2026,recieved,3\n"), fileName: "fautes.csv"})
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", rec.Code)
		}
		page := htmltest.Parse(t, body)
		for _, want := range []string{"fautes.csv, ligne 2, colonne D (value)", "«\u00a0beaucoup\u00a0»", "n’est pas un nombre", "Le fichier est refusé"} {
			if !strings.Contains(page.Text(), want) {
				t.Errorf("refusal lacks %q", want)
			}
		}
		if !page.Has("#preview-errors") {
			t.Error("refusal lacks its list of errors")
		}
		if page.Has("#confirm") || page.Has("[name=id]") {
			t.Error("a refused file can be confirmed")
		}
	})
	t.Run("another organisation's file is 403", func(t *testing.T) {
		rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/preview", file: longCSV(consistentObservations("POL", 2026, 10))})
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "figures of POL") {
			t.Errorf("status %d", rec.Code)
		}
	})
}

// wideCSV writes one organisation-year in the wide layout, a column per
// indicator code, so that the preview has headers to map.
func wideCSV(obs []domain.Observation) []byte {
	head := []string{"organisation", "year"}
	row := []string{obs[0].Organisation, fmt.Sprint(obs[0].Year)}
	for _, o := range obs {
		col := o.Indicator
		if o.Breakdown != "" {
			col += ":" + o.Breakdown
		}
		head = append(head, col)
		row = append(row, fmt.Sprint(o.Value))
	}
	return []byte(strings.Join(head, ",") + "\n" + strings.Join(row, ",") + "\n")
}

func between(s, start, end string) string {
	_, rest, _ := strings.Cut(s, start)
	v, _, _ := strings.Cut(rest, end)
	return v
}

// TestReviewPublishesAtOnce: approving from the pages shows the new figure
// on the public pages at once, even with a long data-version memo.
func TestReviewPublishesAtOnce(t *testing.T) {
	st := newTestStore(t)
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: time.Hour}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	target := "/compare?indicator=received&year=2024&lang=en"
	if body := get(t, h, target).Body.String(); !strings.Contains(body, "2,345") {
		t.Fatal("the public page lacks SFP's 2,345")
	}
	id := importSubmitted(t, st, "sfp.csv", consistentObservations("SFP", 2024, 2500))

	inbox := coord.do(t, h, request{method: http.MethodGet, target: "/review?lang=en"}).Body.String()
	if !htmltest.Parse(t, inbox).Has(fmt.Sprintf("[data-id=%d]", id)) {
		t.Fatal("the inbox lacks the waiting submission")
	}
	detail := coord.do(t, h, request{method: http.MethodGet, target: fmt.Sprintf("/submissions/%d?lang=en", id)}).Body.String()
	changed := false
	for _, tr := range htmltest.Parse(t, detail).All("tr.changed") {
		if cells := tr.Texts("td"); len(cells) >= 4 && slices.Equal(cells[:4], []string{"Complaints received", "", "2,500", "2,345"}) {
			changed = true
		}
	}
	if !changed {
		t.Error("the submission page does not show 2,500 beside the published 2,345")
	}
	if rec := coord.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/submissions/%d/approve", id)}); rec.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d", rec.Code)
	}
	if body := get(t, h, target).Body.String(); !strings.Contains(body, "2,500") {
		t.Error("the public page still shows the old figure after the approval")
	}
	if inbox := coord.do(t, h, request{method: http.MethodGet, target: "/review"}).Body.String(); !htmltest.Parse(t, inbox).Has("#inbox-empty") {
		t.Error("the approved submission is still in the inbox")
	}
}

func TestCompletenessAndAdmin(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	importSubmitted(t, st, "just.csv", consistentObservations("JUST", 2024, 10))
	ret := importSubmitted(t, st, "bosa.csv", consistentObservations("BOSA", 2023, 10))
	sub, _, err := st.Submission(ctx, ret)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Review(ctx, domain.AuditEntry{Actor: "coord@example.be"}, sub, domain.StatusReturned, "incomplete"); err != nil {
		t.Fatal(err)
	}
	q := "from=2022&to=2024&lang=en"

	t.Run("matrix", func(t *testing.T) {
		page := htmltest.Parse(t, coord.do(t, h, request{method: http.MethodGet, target: "/review/completeness?" + q}).Body.String())
		for _, want := range []elem{
			{"td.status-approved[data-year=2022]", "Approved"},
			{"td.status-returned[data-year=2023]", "Returned"},
			{`a[href="/review/completeness.xlsx?from=2022&to=2024"]`, ""},
		} {
			if !want.in(page) {
				t.Errorf("matrix lacks %s %q", want.sel, want.text)
			}
		}
		just := page.Find(`th a[href="/organisations/JUST"]`)
		row := just.Closest("tr")
		if just.Text() != "FPS Justice" || !slices.Equal(row.Texts("td[data-year]"), []string{"Approved", "Approved", "Submitted"}) ||
			!row.Has("td.status-approved[data-year=2022]") || !row.Has("td.status-approved[data-year=2023]") || !row.Has("td.status-submitted[data-year=2024]") {
			t.Errorf("JUST's row is not approved, approved, submitted: %s", row)
		}
	})
	t.Run("csv", func(t *testing.T) {
		rec := coord.do(t, h, request{method: http.MethodGet, target: "/review/completeness.csv?" + q})
		body := rec.Body.String()
		if !strings.HasPrefix(body, "\ufeffCode,Administration,2022,2023,2024\n") || !strings.Contains(body, "JUST,FPS Justice,Approved,Approved,Submitted\n") {
			t.Errorf("csv:\n%.400s", body)
		}
		if !strings.Contains(rec.Header().Get("Content-Disposition"), "completeness_2022-2024.csv") {
			t.Errorf("Content-Disposition %q", rec.Header().Get("Content-Disposition"))
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		rec := coord.do(t, h, request{method: http.MethodGet, target: "/review/completeness.xlsx?" + q})
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Completeness")
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			if strings.Join(r, "|") == "BOSA|FPS Policy and Support|Missing|Returned|Missing" {
				found = true
			}
		}
		if len(rows) != len(st.Reference().Organisations)+1 || !found {
			t.Errorf("%d rows, BOSA row found: %v", len(rows), found)
		}
		// The header cells hold their text (not a Go struct printed) and are bold.
		if first, _ := f.GetCellValue("Completeness", "A1"); strings.ContainsAny(first, "{}") || first == "" {
			t.Errorf("header A1 = %q", first)
		}
		styleID, _ := f.GetCellStyle("Completeness", "A1")
		if style, err := f.GetStyle(styleID); err != nil || style.Font == nil || !style.Font.Bold {
			t.Errorf("header A1 is not bold: %+v %v", style, err)
		}
		for lang, sheet := range map[string]string{"nl": "Volledigheid", "fr": "Complétude"} {
			rec := coord.do(t, h, request{method: http.MethodGet, target: "/review/completeness.xlsx?from=2022&to=2024&lang=" + lang})
			f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
				t.Errorf("%s: sheets %q, want %q", lang, got, sheet)
			}
		}
	})
	t.Run("bad range", func(t *testing.T) {
		if rec := coord.do(t, h, request{method: http.MethodGet, target: "/review/completeness?from=2024&to=2020"}); rec.Code != http.StatusBadRequest {
			t.Errorf("status %d", rec.Code)
		}
	})
	t.Run("create an agency with a generated password, then disable it", func(t *testing.T) {
		rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/accounts?lang=en",
			form: url.Values{"email": {"New@Pol.example"}, "role": {"agency"}, "organisation": {"POL"}}})
		body := rec.Body.String()
		if rec.Code != http.StatusCreated {
			t.Fatalf("status %d", rec.Code)
		}
		password := between(body, `<span id="generated-password">Password (shown only once): <code>`, "</code>")
		if len(password) < 12 {
			t.Fatalf("no generated password shown: %q", password)
		}
		code, ck, _ := loginAs(t, srv, "203.0.113.9", "new@pol.example", password)
		if code != http.StatusSeeOther || ck == nil {
			t.Fatalf("the new account cannot log in: %d", code)
		}
		a, _, err := st.AccountByEmail(ctx, "new@pol.example")
		if err != nil || a.Role != auth.RoleAgency || a.Organisation != "POL" {
			t.Fatalf("stored %+v, %v", a, err)
		}
		if rec := coord.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/admin/accounts/%d/disable", a.ID)}); rec.Code != http.StatusSeeOther {
			t.Fatalf("disable: %d", rec.Code)
		}
		if rec := (&user{session: ck.Value}).do(t, h, request{method: http.MethodGet, target: "/submissions"}); rec.Code != http.StatusSeeOther {
			t.Errorf("the disabled account's session still works: %d", rec.Code)
		}
		if rec := coord.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/admin/accounts/%d/disable", coord.acct.ID)}); rec.Code != http.StatusConflict {
			t.Errorf("a coordinator disabled themself: %d", rec.Code)
		}
	})
	t.Run("refused account forms", func(t *testing.T) {
		for _, form := range []url.Values{
			{"email": {"not an email"}, "role": {"analyst"}},
			{"email": {"a@example.be"}, "role": {"admin"}},
			{"email": {"a@example.be"}, "role": {"agency"}},
			{"email": {"a@example.be"}, "role": {"analyst"}, "password": {"short"}},
		} {
			if rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/accounts", form: form}); rec.Code != http.StatusBadRequest {
				t.Errorf("%v: status %d", form, rec.Code)
			}
		}
	})
	t.Run("audit page filters", func(t *testing.T) {
		body := coord.do(t, h, request{method: http.MethodGet, target: "/admin/audit?action=account_create"}).Body.String()
		if !strings.Contains(body, "<td>account_create</td><td>new@pol.example</td>") || strings.Contains(body, "<td>account_disable</td>") {
			t.Errorf("audit page:\n%s", between(body, `<table id="audit">`, "</table>"))
		}
		body = coord.do(t, h, request{method: http.MethodGet, target: "/admin/audit?actor=coord@example.be"}).Body.String()
		if !strings.Contains(body, "<td>account_disable</td><td>new@pol.example</td>") {
			t.Error("the coordinator's disabling is not in the audit log")
		}
	})
}
