package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/webkit/pending"
)

// previewOf previews a file as the browser does and returns the id that
// confirms it ("" when none is offered) and the answer.
func previewOf(t *testing.T, c *user, h http.Handler, file []byte, name, lang string) (string, int, string) {
	t.Helper()
	rec := c.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=" + lang, file: file, fileName: name})
	body := rec.Body.String()
	return between(body, `name="id" value="`, `"`), rec.Code, body
}

// previewDir is the directory of srv's previews, in the store's temporary
// directory.
func previewDir(t *testing.T, srv *Server) string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(srv.st.TempDir(), "previews-*"))
	if err != nil || len(dirs) != 1 {
		t.Fatalf("previews in the store's temporary directory %s: %v %v", srv.st.TempDir(), dirs, err)
	}
	return dirs[0]
}

// previewBytes is what the preview files of srv hold on disk, and how many
// there are.
func previewBytes(t *testing.T, srv *Server) (int64, int) {
	t.Helper()
	entries, err := os.ReadDir(previewDir(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		n += info.Size()
	}
	return n, len(entries)
}

// TestPreviewsPerAccount: an account that previews many files pushes out
// only its own oldest previews; another account's preview is still
// confirmed (issue 17: 32 previews by one agency made another's confirm
// answer 404).
func TestPreviewsPerAccount(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	fin := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	just := signIn(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))

	finID, code, body := previewOf(t, fin, h, wideCSV(consistentObservations("FIN", 2025, 1320)), "fin.csv", "en")
	if code != http.StatusOK || finID == "" {
		t.Fatalf("FIN's preview: %d\n%.2000s", code, body)
	}
	var justIDs []string
	for range 3 * previewsPerAccount {
		id, code, body := previewOf(t, just, h, wideCSV(consistentObservations("JUST", 2025, 700)), "just.csv", "en")
		if code != http.StatusOK || id == "" {
			t.Fatalf("JUST's preview: %d\n%.2000s", code, body)
		}
		justIDs = append(justIDs, id)
	}
	if _, n := previewBytes(t, srv); n != previewsPerAccount+1 {
		t.Errorf("%d preview files on disk, want %d of JUST and 1 of FIN", n, previewsPerAccount)
	}
	if rec := just.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {justIDs[0]}}}); rec.Code != http.StatusNotFound {
		t.Errorf("JUST's oldest preview, replaced by its newer ones, answered %d", rec.Code)
	}
	if rec := fin.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {finID}}}); rec.Code != http.StatusSeeOther {
		t.Errorf("FIN's preview after %d of JUST's: %d, want 303\n%.2000s", len(justIDs), rec.Code, rec.Body)
	}
	last := justIDs[len(justIDs)-1]
	if rec := just.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {last}}}); rec.Code != http.StatusSeeOther {
		t.Errorf("JUST's newest preview: %d, want 303", rec.Code)
	}
	if n, files := previewBytes(t, srv); files != previewsPerAccount-1 || n == 0 {
		t.Errorf("after two confirmations, %d preview files (%d bytes), want %d", files, n, previewsPerAccount-1)
	}
}

// TestPreviewByteBudget: previews wait on disk, in the store's temporary
// directory, within the byte budget of all accounts and of each one; a
// preview beyond the budget is answered 503 in the reader's language, and
// frees nobody else's.
func TestPreviewByteBudget(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	file := wideCSV(consistentObservations("FIN", 2025, 1320))
	size := int64(len(file))
	lim := previewLimits()
	lim.Budget, lim.AccountBytes = 3*size, 2*size
	srv.pending = pending.New(previewDir(t, srv), lim, time.Now)

	var ids []string
	for i, email := range []string{"a@fin.example", "b@fin.example", "c@fin.example"} {
		c := signIn(t, st, newAccount(t, st, email, auth.RoleAgency, "FIN", false))
		id, code, _ := previewOf(t, c, h, file, "fin.csv", "en")
		if code != http.StatusOK || id == "" {
			t.Fatalf("preview %d: %d", i, code)
		}
		ids = append(ids, id)
	}
	late := signIn(t, st, newAccount(t, st, "d@fin.example", auth.RoleAgency, "FIN", false))
	id, code, body := previewOf(t, late, h, file, "fin.csv", "nl")
	if code != http.StatusServiceUnavailable || id != "" || !strings.Contains(body, "te veel bestanden die op bevestiging wachten") {
		t.Errorf("a preview beyond the budget: %d, id %q\n%.2000s", code, id, body)
	}
	if n, files := previewBytes(t, srv); n > lim.Budget || files != 3 {
		t.Errorf("%d bytes in %d files on disk, budget %d", n, files, lim.Budget)
	}
}

// TestPreviewExpired: confirming a preview after its time answers 404 with
// a message naming the file, in the reader's language, and a way back.
func TestPreviewExpired(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	srv.pending = pending.New(previewDir(t, srv), previewLimits(), func() time.Time { return now })
	agency := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	id, code, _ := previewOf(t, agency, h, wideCSV(consistentObservations("FIN", 2025, 1320)), "fin 2025.csv", "nl")
	if code != http.StatusOK || id == "" {
		t.Fatalf("preview: %d", code)
	}
	now = now.Add(previewTTL + time.Minute)
	tests := []struct {
		lang string
		want []string
	}{
		{"nl", []string{"De voorvertoning van “fin 2025.csv” wordt niet meer bewaard", "30 minuten", "Het bestand opnieuw opladen"}},
		{"fr", []string{"aperçu de «\u00a0fin 2025.csv\u00a0»", "plus conservé", "30 minutes", "Envoyer à nouveau le fichier"}},
	}
	for _, tt := range tests {
		rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm?lang=" + tt.lang,
			form: url.Values{"id": {id}, "file": {"fin 2025.csv"}}})
		body := rec.Body.String()
		if rec.Code != http.StatusNotFound || !strings.Contains(body, `href="/submissions/new" id="retry"`) {
			t.Errorf("%s: %d, want 404 with a link to upload again", tt.lang, rec.Code)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the answer lacks %q", tt.lang, w)
			}
		}
	}
	if _, files := previewBytes(t, srv); files != 0 {
		t.Errorf("%d preview files left after expiry", files)
	}
}
