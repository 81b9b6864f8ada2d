package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestNoObservationsOneVerdict: a file whose table holds no value gets the
// same verdict from the preview, the dry run and the upload: refused with a
// located problem (422), and no "Confirm and submit" (the preview used to
// offer it, then the upload and the confirm answered 400).
func TestNoObservationsOneVerdict(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false)
	browser, api := signIn(t, st, agency), withToken(t, st, agency)
	empty := []byte("Organisation;Year;Indicator;Value\nFIN;2025;received;\nFIN;2025;admissible;\n")
	const why = "the file holds no values"

	rec := browser.do(t, h, request{method: http.MethodPost, target: "/submissions/preview?lang=en", file: empty, fileName: "fin.csv"})
	if rec.Code != http.StatusUnprocessableEntity || strings.Contains(rec.Body.String(), `id="confirm"`) || !strings.Contains(rec.Body.String(), why) {
		t.Errorf("preview: %d, want 422 with %q and no confirm button:\n%.2000s", rec.Code, why, rec.Body)
	}
	for _, form := range []url.Values{{"dry_run": {"true"}}, nil} {
		rec := api.do(t, h, request{method: http.MethodPost, target: "/api/v1/submissions", file: empty, fileName: "fin.csv", form: form})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), why) {
			t.Errorf("upload %v: %d %s, want 422 with %q", form, rec.Code, rec.Body, why)
		}
	}
	if subs := submittedOf(t, st, "FIN"); len(subs) != 0 {
		t.Errorf("stored %+v", subs)
	}
}

// TestTwentyParallelRegisterUploads sends 20 registers of one organisation
// and one year at once: every one is stored (201) as its own version, 1 to
// 20 (3 in 20 used to fail on a duplicate version).
func TestTwentyParallelRegisterUploads(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	const n = 20
	answers := make([]*httptest.ResponseRecorder, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			answers[i] = agency.do(t, h, request{method: http.MethodPost, target: "/api/v1/registers",
				file: registerCSV("JUST", 2013, 10+i), fileName: fmt.Sprintf("register-%d.csv", i)})
		})
	}
	wg.Wait()
	for i, rec := range answers {
		if rec.Code != http.StatusCreated {
			t.Errorf("upload %d: status %d: %s", i, rec.Code, rec.Body)
		}
	}
	versions := map[int]bool{}
	for _, sub := range submittedOf(t, st, "JUST") {
		if sub.Year == 2013 {
			versions[sub.Version] = true
		}
	}
	for v := 1; v <= n; v++ {
		if !versions[v] {
			t.Errorf("no version %d of JUST 2013 among %v", v, versions)
		}
	}
}
