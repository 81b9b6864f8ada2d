package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestRefusedFileIsAProblem: a yearly figures file or a register refused
// through the API (422) is an RFC 9457 problem of our type refusedFile, in
// the reader's language, whose issues locate each error (sheet or file, row,
// column, value) with its code and a detail in that language; the answer's
// own fields (status "refused", problems, message) are still there.
func TestRefusedFileIsAProblem(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	// Row 3 of the register (complaint C2) is received on a day that does
	// not exist.
	register := bytes.Replace(registerCSV("JUST", 2015, 6), []byte(",2015-02-02,"), []byte(",2015-02-30,"), 1)
	tests := []struct {
		name, target, file string
		data               []byte
		row                int
		value              string
		detail             map[string]string // part of the first issue's detail
	}{
		{"yearly figures", "/api/v1/submissions", "bad.csv", []byte("organisation,year,indicator,value\nJUST,2024,received,ten\n"),
			2, "ten", map[string]string{"nl": "geen", "fr": "pas"}},
		{"register", "/api/v1/registers", "register.csv", register,
			3, "2015-02-30", map[string]string{"nl": "2015-02-30", "fr": "2015-02-30"}},
	}
	for _, tt := range tests {
		for _, lang := range []string{"nl", "fr"} {
			t.Run(tt.name+" "+lang, func(t *testing.T) {
				rec := agency.do(t, h, request{method: http.MethodPost, target: tt.target, file: tt.data, fileName: tt.file,
					header: map[string]string{"Accept-Language": lang}})
				var p struct {
					Type, Title, Detail, Instance, Status, Message string
					Problems                                       []json.RawMessage
					Issues                                         []struct {
						Code, In, Name, Sheet, Value, Detail string
						Row, Column                          int
					}
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
					t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
				}
				if rec.Code != http.StatusUnprocessableEntity || rec.Header().Get("Content-Type") != "application/problem+json" || rec.Header().Get("Content-Language") != lang {
					t.Errorf("%d %q %q, want 422 application/problem+json %s", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Language"), lang)
				}
				title := map[string]string{"nl": "Bestand geweigerd", "fr": "Fichier refusé"}[lang]
				if p.Type != "urn:problem-type:infocentre:refusedFile" || p.Title != title || p.Instance != tt.target || p.Status != "refused" ||
					p.Detail == "" || p.Detail != p.Message || len(p.Problems) == 0 {
					t.Errorf("problem %+v", p)
				}
				if len(p.Issues) == 0 {
					t.Fatalf("no issues: %s", rec.Body)
				}
				is := p.Issues[0]
				if is.Code == "" || is.In != "body" || is.Name != "file" || is.Row != tt.row || is.Column == 0 || is.Value != tt.value ||
					!strings.Contains(is.Detail, tt.detail[lang]) {
					t.Errorf("first issue %+v, want row %d, a column, value %q, a detail with %q", is, tt.row, tt.value, tt.detail[lang])
				}
				for _, w := range pageEnglish[lang] {
					if strings.Contains(is.Detail+" "+p.Detail, w) {
						t.Errorf("in %s, English %q: %q / %q", lang, w, p.Detail, is.Detail)
					}
				}
			})
		}
	}
}
