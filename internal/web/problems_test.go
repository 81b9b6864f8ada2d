package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// badIndicatorFile is refused: a value that is no number and an unknown
// indicator, both located by row and column.
var badIndicatorFile = []byte("organisation,year,indicator,value\nJUST,2024,received,veel\nJUST,2024,ontvange klachten,3\n")

// TestAPIProblemsInTheReadersLanguage: the API keeps codes, arguments and
// places as data, and its messages are whole sentences in the language of
// Accept-Language or ?lang=.
func TestAPIProblemsInTheReadersLanguage(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	tests := []struct {
		name, target, accept string
		want, absent         []string
		refused              string
	}{
		{"Accept-Language nl", "/api/v1/submissions", "nl-BE,nl;q=0.9", []string{"rij 2", "kolom D (value)", "is geen getal"}, []string{"row ", "column "}, "geweigerd"},
		{"Accept-Language fr", "/api/v1/submissions", "fr-BE", []string{"ligne 2", "colonne D (value)", "n’est pas un nombre"}, []string{"row ", "column "}, "refusé"},
		{"?lang=fr wins over the header", "/api/v1/submissions?lang=fr", "nl", []string{"ligne 3", "colonne C (indicator)", "indicateur inconnu"}, []string{"rij "}, "refusé"},
		{"English otherwise", "/api/v1/submissions", "de-DE", []string{"row 2", "column D (value)"}, []string{"rij "}, "refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := agency.do(t, h, request{method: http.MethodPost, target: tt.target, file: badIndicatorFile, fileName: "bad.csv",
				header: map[string]string{"Accept-Language": tt.accept}})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			ans := decodeAnswer(t, rec.Body.Bytes())
			if len(ans.Problems) != 2 || !strings.Contains(ans.Message, tt.refused) {
				t.Fatalf("answer %+v", ans)
			}
			p := ans.Problems[0]
			if p.Code != "value_not_number" || p.Place.Row != 2 || p.Place.Column != 4 || p.Place.Header != "value" || p.Value != "veel" || p.Args["indicator"] != "received" {
				t.Errorf("the problem's data: %+v", p)
			}
			var msgs []string
			for _, p := range ans.Problems {
				if !strings.HasPrefix(p.Message, "bad.csv") {
					t.Errorf("message %q does not start with its place", p.Message)
				}
				msgs = append(msgs, p.Message)
			}
			all := strings.Join(msgs, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("messages lack %q:\n%s", w, all)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(all, w) {
					t.Errorf("messages hold %q:\n%s", w, all)
				}
			}
		})
	}
}

// TestPreviewProblemsInDutch: the same file in the browser preview in NL
// reads Dutch throughout, places included.
func TestPreviewProblemsInDutch(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", true))
	rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=nl", file: badIndicatorFile, fileName: "bad.csv"})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	start := strings.Index(body, `id="preview-errors"`)
	end := strings.Index(body[start:], "</section>")
	section := body[start : start+end]
	for _, w := range []string{"bad.csv, rij 2, kolom D (value)", "is geen getal voor received", "onbekende indicator", "bedoelt u"} {
		if !strings.Contains(section, w) {
			t.Errorf("preview lacks %q:\n%s", w, section)
		}
	}
	for _, w := range englishWords {
		if strings.Contains(strings.ToLower(section), w) {
			t.Errorf("preview in Dutch holds English %q:\n%s", w, section)
		}
	}
}

// englishWords must not appear in a page, workbook or message rendered in
// Dutch or French.
var englishWords = []string{" row ", " column ", "sheet ", " expected ", " unknown ", "nearest known", " the file", " number "}

// TestRepeatedProblemsGrouped: 101 rows whose value is no number are one
// problem, with its count, in the API and the preview.
func TestRepeatedProblemsGrouped(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	var b strings.Builder
	b.WriteString("organisation,year,indicator,breakdown,value\n")
	for y := domain.FirstYear; y <= domain.LastYear; y++ {
		fmt.Fprintf(&b, "JUST,%d,received,,veel\n", y)
	}
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	rec := agency.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions?lang=nl", file: []byte(b.String()), fileName: "veel.csv"})
	ans := decodeAnswer(t, rec.Body.Bytes())
	if rec.Code != http.StatusUnprocessableEntity || len(ans.Problems) != 1 {
		t.Fatalf("status %d, problems %+v", rec.Code, ans.Problems)
	}
	p := ans.Problems[0]
	if p.Count != 101 || p.Code != "value_not_number" || p.Place.Row != 2 ||
		p.Message != "veel.csv, kolom E (value): “veel” en nog 100 waarden: is geen getal voor received: verwacht wordt een geheel getal ≥ 0" {
		t.Errorf("grouped problem %+v", p)
	}
	browser := signIn(t, st, newAccount(t, st, "agency2@just.example", auth.RoleAgency, "JUST", true))
	page := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=fr", file: []byte(b.String()), fileName: "veel.csv"}).Body.String()
	if !strings.Contains(page, "colonne E (value)\u00a0: «\u00a0veel\u00a0» et 100 autres valeurs") || strings.Count(page, "n’est pas un nombre") != 1 {
		t.Errorf("preview does not group:\n%s", page)
	}
}

// TestManyProblemsCappedInAnswers: a file of 5,000 duplicate rows answers
// the first domain.MaxProblems problems and the count of every one, by
// code, in the API and the preview (it used to answer all of them: 179 MB
// of JSON for 947,618 rows); a cell of a megabyte comes back cut.
func TestManyProblemsCappedInAnswers(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	const n = 5000
	var b strings.Builder
	b.WriteString("organisation;year;indicator;value\n")
	for i := range n {
		fmt.Fprintf(&b, "JUST;2023;received;%d\n", i)
	}
	huge := strings.Repeat("x", 1<<20)
	fmt.Fprintf(&b, "JUST;2023;%s;1\n", huge)
	file := []byte(b.String())

	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	rec := agency.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions?lang=nl", file: file, fileName: "dup.csv"})
	ans := decodeAnswer(t, rec.Body.Bytes())
	listed := 0
	for _, p := range append(ans.Problems, ans.Warnings...) {
		listed += max(p.Count, 1)
	}
	if rec.Code != http.StatusUnprocessableEntity || len(ans.Problems)+len(ans.Warnings) > domain.MaxProblems {
		t.Errorf("status %d, %d problems listed, want 422 and at most %d", rec.Code, len(ans.Problems)+len(ans.Warnings), domain.MaxProblems)
	}
	if ans.ProblemCount != n || ans.ProblemCounts["duplicate_value"] != n-1 || ans.ProblemCounts["unknown_indicator"] != 1 || ans.MoreProblems != n-listed {
		t.Errorf("counted %d, by code %v, %d more; want %d, %d duplicates, 1 unknown indicator, %d more", ans.ProblemCount, ans.ProblemCounts, ans.MoreProblems, n, n-1, n-listed)
	}
	if !strings.Contains(ans.Message, fmt.Sprint(n)+" fouten") {
		t.Errorf("message %q does not count every error", ans.Message)
	}
	if rec.Body.Len() > 128<<10 || strings.Contains(rec.Body.String(), huge[:1000]) {
		t.Errorf("answer of %d bytes, echoing the huge cell: %v", rec.Body.Len(), strings.Contains(rec.Body.String(), huge[:1000]))
	}

	browser := signIn(t, st, newAccount(t, st, "agency2@just.example", auth.RoleAgency, "JUST", true))
	page := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=fr", file: file, fileName: "dup.csv"})
	body := page.Body.String()
	errs, _, _ := strings.Cut(body[strings.Index(body, `id="preview-errors"`)+1:], "</section>")
	if page.Code != http.StatusUnprocessableEntity || strings.Count(errs, "<li>") > domain.MaxProblems || strings.Contains(body, huge[:1000]) {
		t.Errorf("preview %d: %d bytes, %d errors listed", page.Code, len(body), strings.Count(errs, "<li>"))
	}
	for _, want := range []string{"Erreurs (5\u00a0000)", "autres problèmes, non énumérés", "<code>duplicate_value</code>: 4\u00a0999", "x…"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
}
