package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestFileChecksBounded: when every file-check slot is taken, an upload, a
// preview or a dry run waits, then is answered 503 with Retry-After and a
// message in the reader's language (issue 17: four parallel uploads of a
// 19.9 MB file took the server to 6.7 GB); once a slot frees up, it goes
// through.
func TestFileChecksBounded(t *testing.T) {
	srv, st := newTestServer(t)
	srv.fileChecks = newHashGate(1, 50*time.Millisecond)
	h := srv.Handler()
	file := wideCSV(consistentObservations("FIN", 2025, 1320))
	browser := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	api := withToken(t, st, newAccount(t, st, "api@fin.example", auth.RoleAgency, "FIN", false))

	srv.fileChecks.slots <- struct{}{} // another upload holds the only slot
	rec := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=nl", file: file, fileName: "fin.csv"})
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "De server controleert al andere bestanden") {
		t.Errorf("preview while busy: %d, Retry-After %q\n%.1500s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	rec = api.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions?lang=fr", file: file, fileName: "fin.csv"})
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Le serveur vérifie déjà") {
		t.Errorf("API upload while busy: %d %s", rec.Code, rec.Body)
	}
	<-srv.fileChecks.slots
	if rec := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=nl", file: file, fileName: "fin.csv"}); rec.Code != http.StatusOK {
		t.Errorf("preview once a slot is free: %d", rec.Code)
	}
	if peak, total := srv.fileChecks.stats(); peak != 1 || total != 1 {
		t.Errorf("file checks: peak %d, %d run; want 1 and 1", peak, total)
	}
}
