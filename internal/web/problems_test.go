package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
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
