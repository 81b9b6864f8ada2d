package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/webkit/throttle"
)

// TestFileChecksBounded: when every file-check slot is taken, an upload, a
// preview or a dry run waits, then is answered 503 with Retry-After and a
// message in the reader's language (issue 17: four parallel uploads of a
// 19.9 MB file took the server to 6.7 GB); once a slot frees up, it goes
// through.
func TestFileChecksBounded(t *testing.T) {
	srv, st := newTestServer(t)
	srv.fileChecks = throttle.NewGate(1, 50*time.Millisecond)
	h := srv.Handler()
	file := wideCSV(consistentObservations("FIN", 2025, 1320))
	browser := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	api := withToken(t, st, newAccount(t, st, "api@fin.example", auth.RoleAgency, "FIN", false))

	release := holdSlot(t, srv.fileChecks) // another upload holds the only slot
	rec := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=nl", file: file, fileName: "fin.csv"})
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "De server controleert al andere bestanden") {
		t.Errorf("preview while busy: %d, Retry-After %q\n%.1500s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	rec = api.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions?lang=fr", file: file, fileName: "fin.csv"})
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Le serveur vérifie déjà") {
		t.Errorf("API upload while busy: %d %s", rec.Code, rec.Body)
	}
	release()
	if rec := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=nl", file: file, fileName: "fin.csv"}); rec.Code != http.StatusOK {
		t.Errorf("preview once a slot is free: %d", rec.Code)
	}
	if peak, total := srv.fileChecks.Stats(); peak != 1 || total != 2 {
		t.Errorf("file checks: peak %d, %d run; want 1 and 2 (the other upload and this one)", peak, total)
	}
}

// holdSlot takes a slot of g, as a running computation would, until
// release is called.
func holdSlot(t *testing.T, g *throttle.Gate) (release func()) {
	t.Helper()
	started, done, ran := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() { ran <- g.Run(context.Background(), func() { close(started); <-done }) }()
	select {
	case <-started:
	case err := <-ran:
		t.Fatalf("hold a slot: %v", err)
	}
	return func() {
		close(done)
		if err := <-ran; err != nil {
			t.Error(err)
		}
	}
}
