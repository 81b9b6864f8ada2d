package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/testfiles"
)

// TestAPIFileErrorsAndQuotesInTheReadersLanguage: a workbook protected by a
// password and a text file named .xlsx are refused through the API with a
// sentence in the reader's language, not excelize's or archive/zip's
// English; the value a problem quotes stands between the reader's
// quotation marks.
func TestAPIFileErrorsAndQuotesInTheReadersLanguage(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	protected := testfiles.ProtectedWorkbook(t)
	page := []byte("<html><body>Session expired</body></html>\n")
	tests := []struct {
		name, lang, file string
		data             []byte
		code, want       string
	}{
		{"protected nl", "nl", "cijfers.xlsx", protected, "file_encrypted", "de XLSX-werkmap is met een wachtwoord beveiligd"},
		{"protected fr", "fr", "cijfers.xlsx", protected, "file_encrypted", "le classeur XLSX est protégé par un mot de passe"},
		{"text named .xlsx nl", "nl", "cijfers.xlsx", page, "file_not_xlsx", "het bestand heet .xlsx maar is geen XLSX-werkmap"},
		{"text named .xlsx fr", "fr", "cijfers.xlsx", page, "file_not_xlsx", "le fichier porte l’extension .xlsx mais n’est pas un classeur XLSX"},
		{"quoted value nl", "nl", "bad.csv", badIndicatorFile, "value_not_number", "kolom D (value): “veel”: is geen getal"},
		{"quoted value fr", "fr", "bad.csv", badIndicatorFile, "value_not_number", "colonne D (value)\u00a0: «\u00a0veel\u00a0»\u00a0: n’est pas un nombre"},
		{"quoted value en", "en", "bad.csv", badIndicatorFile, "value_not_number", "column D (value): “veel”: is not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := agency.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions", file: tt.data, fileName: tt.file,
				header: map[string]string{"Accept-Language": tt.lang}})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			ans := decodeAnswer(t, rec.Body.Bytes())
			if len(ans.Problems) == 0 || ans.Problems[0].Code != tt.code {
				t.Fatalf("answer %+v, want a first problem %s", ans, tt.code)
			}
			msg := ans.Problems[0].Message
			if !strings.Contains(msg, tt.want) || strings.Contains(msg, "zip:") || strings.Contains(msg, `"`) {
				t.Errorf("message %q, want %q and no English detail or straight quotes", msg, tt.want)
			}
		})
	}
}
