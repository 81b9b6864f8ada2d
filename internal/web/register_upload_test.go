package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// registerCSV writes a register of n complaints of org received in year,
// one row per complaint, with an organisation column, as an agency's
// complaint tool exports it: a quarter inadmissible, the admissible ones
// closed ten days after receipt, every third one founded.
func registerCSV(org string, year, n int) []byte {
	var b strings.Builder
	b.WriteString("Organisation,Complaint number,Date received,Channel,Language,Admissible,Outcome,Type,Date acknowledged,Date closed,Second line\n")
	channels, languages := []string{"email", "letter", "phone"}, []string{"nl", "fr"}
	for i := range n {
		received := fmt.Sprintf("%d-%02d-%02d", year, 1+i%11, 1+i%17)
		closed := fmt.Sprintf("%d-%02d-%02d", year, 1+i%11, 11+i%17)
		admissible, outcome, typ, closing := "yes", "unfounded", "", closed
		switch {
		case i%4 == 3:
			admissible, outcome, closing = "no", "", ""
		case i%3 == 0:
			outcome, typ = "founded", "quality"
		}
		fmt.Fprintf(&b, "%s,C%d,%s,%s,%s,%s,%s,%s,%s,%s,no\n", org, i+1, received, channels[i%3], languages[i%2], admissible, outcome, typ, received, closing)
	}
	return []byte(b.String())
}

// registerFixture reads a register of internal/register/testdata.
func registerFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "register", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decodeRegisterAnswer(t *testing.T, rec *httptest.ResponseRecorder) registerAnswer {
	t.Helper()
	var ans registerAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatalf("answer %s: %v", rec.Body, err)
	}
	return ans
}

// receivedOf is the "received" of a stored submission, -1 when it has none.
func receivedOf(t *testing.T, st *store.Store, id int64) float64 {
	t.Helper()
	_, obs, err := st.Submission(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		if o.Indicator == "received" {
			return o.Value
		}
	}
	return -1
}

func TestAPIRegisterUpload(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	analyst := withToken(t, st, newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false))
	coordinator := withToken(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	upload := func(u *user, name string, data []byte, form url.Values) *httptest.ResponseRecorder {
		return u.do(t, h, request{method: http.MethodPost, target: "/api/v1/registers", file: data, fileName: name, form: form})
	}
	own := registerCSV("JUST", 2015, 40)
	// Row 3 (complaint C2) is received on a day that does not exist, row 4
	// (C3) came by pigeon.
	bad := bytes.Replace(bytes.Replace(registerCSV("JUST", 2015, 6), []byte(",2015-02-02,"), []byte(",2015-02-30,"), 1),
		[]byte(",phone,"), []byte(",pigeon,"), 1)

	tests := []struct {
		name    string
		u       *user
		file    string
		data    []byte
		status  int
		message string // part of the body
	}{
		{"no token", &user{}, "r.csv", own, 401, "sign in or send an API token"},
		{"analyst uploads nothing", analyst, "r.csv", own, 403, "reserved"},
		{"other organisation by column", agency, "r.csv", registerCSV("FIN", 2015, 5), 403, "complaints of FIN"},
		{"other organisation among others", agency, "two.csv", registerFixture(t, "two_organisations.csv"), 403, "your account reports for JUST only"},
		{"other organisation by title", agency, "register.csv", registerFixture(t, "rules_en.csv"), 403, "complaints of FIN"},
		{"other organisation by file name", agency, "plaintes FIN 2023-2024.csv", registerFixture(t, "plaintes FIN 2023-2024.csv"), 403, "complaints of FIN"},
		{"refused register", agency, "bad.csv", bad, 422, `"row":3`},
		{"not a register", agency, "notes.csv", []byte("just,some,text\n1,2,3\n"), 422, "no register header"},
		{"oversized", agency, "big.csv", bytes.Repeat([]byte("x"), int(srv.cfg.MaxUploadBytes)+1), 413, "limit of 20.0 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := upload(tt.u, tt.file, tt.data, nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %.500s", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.message) {
				t.Errorf("body %.500s lacks %q", rec.Body, tt.message)
			}
		})
	}
	t.Run("a refused register lists its bad rows", func(t *testing.T) {
		ans := decodeRegisterAnswer(t, upload(agency, "bad.csv", bad, nil))
		rows := map[int]bool{}
		for _, p := range ans.Problems {
			rows[p.Place.Row] = true
			if p.Place.File != "bad.csv" {
				t.Errorf("problem placed in %q, want the file's own name", p.Place.File)
			}
		}
		if ans.Status != "refused" || !rows[3] || !rows[4] || len(rows) != 2 || ans.ID != 0 {
			t.Errorf("answer %+v", ans)
		}
	})
	t.Run("nothing was stored by the refusals", func(t *testing.T) {
		for _, org := range []string{"JUST", "FIN"} {
			if subs := submittedOf(t, st, org); len(subs) != 0 {
				t.Errorf("%s: stored %+v", org, subs)
			}
		}
	})

	t.Run("dry run computes and stores nothing", func(t *testing.T) {
		rec := upload(agency, "just.csv", own, url.Values{"dry_run": {"true"}})
		ans := decodeRegisterAnswer(t, rec)
		if rec.Code != http.StatusOK || ans.Status != "dry_run" || ans.ID != 0 || ans.Rows != 40 || ans.Observations == 0 ||
			ans.Organisation != "JUST" || fmt.Sprint(ans.Years) != "[2015]" {
			t.Errorf("status %d, answer %+v", rec.Code, ans)
		}
		if subs := submittedOf(t, st, "JUST"); len(subs) != 0 {
			t.Errorf("a dry run stored %+v", subs)
		}
		if n, err := st.RegisterRows(ctx, "JUST"); err != nil || n != 0 {
			t.Errorf("a dry run kept %d rows (%v)", n, err)
		}
	})
	var id int64
	t.Run("agency's own register is submitted", func(t *testing.T) {
		rec := upload(agency, `C:\exports\just.csv`, own, nil)
		if rec.Code != http.StatusCreated {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		ans := decodeRegisterAnswer(t, rec)
		if ans.Status != domain.StatusSubmitted || ans.ID == 0 || ans.Organisation != "JUST" || ans.Rows != 40 ||
			fmt.Sprint(ans.Years) != "[2015]" || len(ans.Submissions) != 1 || len(ans.Problems) != 0 {
			t.Errorf("answer %+v", ans)
		}
		id = ans.ID
		sub, obs, err := st.Submission(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if sub.Kind != domain.KindRegister || sub.Status != domain.StatusSubmitted || sub.Source != "agency@just.example" ||
			sub.Year != 2015 || sub.FileName != "just.csv" || len(obs) != ans.Observations {
			t.Errorf("stored %+v with %d observations, answer said %d", sub, len(obs), ans.Observations)
		}
		if got := receivedOf(t, st, id); got != 40 {
			t.Errorf("received %v, want the 40 complaints of the register", got)
		}
		if pub := get(t, h, "/api/v1/observations?organisation=JUST&year=2015").Body.String(); strings.TrimSpace(pub) != "[]" {
			t.Errorf("submitted figures are public: %s", pub)
		}
	})
	t.Run("the same register again is unchanged", func(t *testing.T) {
		rec := upload(agency, "just.csv", own, nil)
		ans := decodeRegisterAnswer(t, rec)
		if rec.Code != http.StatusOK || ans.Status != "unchanged" || ans.ID != 0 || fmt.Sprint(ans.Submissions) != fmt.Sprint([]int64{id}) {
			t.Errorf("status %d, answer %+v", rec.Code, ans)
		}
		if subs := submittedOf(t, st, "JUST"); len(subs) != 1 {
			t.Errorf("%d waiting submissions, want 1", len(subs))
		}
	})
	t.Run("coordinator uploads for any organisation", func(t *testing.T) {
		rec := upload(coordinator, "plaintes FIN 2023-2024.csv", registerFixture(t, "plaintes FIN 2023-2024.csv"), nil)
		ans := decodeRegisterAnswer(t, rec)
		if rec.Code != http.StatusCreated || ans.Organisation != "FIN" || fmt.Sprint(ans.Years) != "[2023 2024]" || len(ans.Submissions) != 2 {
			t.Errorf("status %d, answer %+v", rec.Code, ans)
		}
	})
	t.Run("a coordinator's register must say whose it is", func(t *testing.T) {
		rec := upload(coordinator, "register.csv", registerFixture(t, "plaintes FIN 2023-2024.csv"), nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "does not say whose it is") {
			t.Errorf("status %d: %s", rec.Code, rec.Body)
		}
	})
	t.Run("a browser session needs the X-CSRF-Token header", func(t *testing.T) {
		session := signIn(t, st, agency.acct)
		data := registerCSV("JUST", 2013, 8)
		without := session.do(t, h, request{method: http.MethodPost, target: "/api/v1/registers", file: data, noCSRF: true})
		if without.Code != http.StatusForbidden {
			t.Errorf("without the header: status %d", without.Code)
		}
		with := session.do(t, h, request{method: http.MethodPost, target: "/api/v1/registers", file: data, noCSRF: true,
			header: map[string]string{csrfHeader: session.csrf}})
		if ans := decodeRegisterAnswer(t, with); with.Code != http.StatusCreated || fmt.Sprint(ans.Years) != "[2013]" || ans.Rows != 8 {
			t.Errorf("with the header: status %d, answer %+v", with.Code, ans)
		}
	})
	t.Run("uploads are audited", func(t *testing.T) {
		for _, actor := range []string{"agency@just.example", "coord@example.be"} {
			entries, err := st.AuditLog(ctx, actor, "register_upload", 10)
			if err != nil {
				t.Fatal(err)
			}
			// The agency's upload, its identical re-upload and its session's
			// upload; the coordinator's.
			want := map[string]int{"agency@just.example": 3, "coord@example.be": 1}[actor]
			if len(entries) != want {
				t.Errorf("%s: %d register_upload entries, want %d: %+v", actor, len(entries), want, entries)
			}
		}
	})
}

// TestRegisterForm is the browser's way: the form, the report page, the
// refusal page, and the kind in the lists.
func TestRegisterForm(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	coordinator := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	post := func(u *user, name string, data []byte, noCSRF bool) *httptest.ResponseRecorder {
		return u.do(t, h, request{method: http.MethodPost, target: "/registers?lang=en", file: data, fileName: name, noCSRF: noCSRF})
	}

	t.Run("the upload page links to the register form", func(t *testing.T) {
		body := agency.do(t, h, request{method: http.MethodGet, target: "/submissions/new?lang=en"}).Body.String()
		if !strings.Contains(body, `href="/registers/new"`) {
			t.Error("no link to /registers/new")
		}
		rec := agency.do(t, h, request{method: http.MethodGet, target: "/registers/new?lang=en"})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `action="/registers"`) || !strings.Contains(rec.Body.String(), agency.csrf) {
			t.Errorf("status %d: the form lacks its action or CSRF token", rec.Code)
		}
	})
	t.Run("without CSRF token", func(t *testing.T) {
		if rec := post(agency, "r.csv", registerCSV("JUST", 2016, 12), true); rec.Code != http.StatusForbidden {
			t.Errorf("status %d", rec.Code)
		}
		if subs := submittedOf(t, st, "JUST"); len(subs) != 0 {
			t.Errorf("stored %+v", subs)
		}
	})
	t.Run("a register is submitted and reported", func(t *testing.T) {
		rec := post(agency, "klachten.csv", registerCSV("JUST", 2016, 12), false)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %.500s", rec.Code, body)
		}
		subs := submittedOf(t, st, "JUST")
		if len(subs) != 1 || subs[0].Kind != domain.KindRegister || subs[0].Year != 2016 {
			t.Fatalf("stored %+v", subs)
		}
		for _, want := range []string{
			"The register is submitted", `id="register-rows">12<`, fmt.Sprintf(`href="/submissions/%d"`, subs[0].ID),
			"FPS Justice (JUST)", `<tr data-indicator="received"><td>JUST</td><td>2016</td><td>Complaints received</td><td></td><td class="num">12</td>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
	})
	t.Run("a refused register shows its rows", func(t *testing.T) {
		rec := post(agency, "bad.csv", []byte("Complaint number,Date received,Channel,Language,Admissible\nX1,2016-01-40,email,nl,yes\n"), false)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", rec.Code)
		}
		if body := rec.Body.String(); !strings.Contains(body, "is refused") || !strings.Contains(body, "bad.csv, row 2") {
			t.Errorf("the refusal lacks its reason or row: %.2000s", body)
		}
	})
	t.Run("another organisation's register is forbidden", func(t *testing.T) {
		if rec := post(agency, "fin.csv", registerCSV("FIN", 2016, 3), false); rec.Code != http.StatusForbidden {
			t.Errorf("status %d", rec.Code)
		}
	})
	t.Run("oversized", func(t *testing.T) {
		rec := post(agency, "big.csv", bytes.Repeat([]byte("x"), int(srv.cfg.MaxUploadBytes)+1), false)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d", rec.Code)
		}
	})
	t.Run("the lists show the kind", func(t *testing.T) {
		for _, target := range []string{"/submissions?lang=en", "/review?lang=en"} {
			body := coordinator.do(t, h, request{method: http.MethodGet, target: target}).Body.String()
			if !strings.Contains(body, `<td class="kind">Complaint register</td><td>klachten.csv</td>`) {
				t.Errorf("%s does not show the register's kind", target)
			}
		}
	})
}

// TestConcurrentRegisterUploads sends eight registers of one organisation at
// once through the real handler, four for the same year and four for
// different years: DuckDB lets only one writer of an organisation-year win
// at a time, and the store retries the others, so every upload is stored
// and none sees a conflict.
func TestConcurrentRegisterUploads(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := withToken(t, st, newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false))
	type upload struct {
		year, complaints int
	}
	uploads := []upload{{2012, 10}, {2012, 11}, {2012, 12}, {2012, 13}, {2008, 14}, {2009, 15}, {2010, 16}, {2011, 17}}
	answers := make([]*httptest.ResponseRecorder, len(uploads))
	var wg sync.WaitGroup
	for i, up := range uploads {
		wg.Go(func() {
			answers[i] = agency.do(t, h, request{method: http.MethodPost, target: "/api/v1/registers",
				file: registerCSV("JUST", up.year, up.complaints), fileName: fmt.Sprintf("register-%d.csv", i)})
		})
	}
	wg.Wait()
	for i, up := range uploads {
		rec := answers[i]
		if rec.Code != http.StatusCreated {
			t.Errorf("upload %d (%d): status %d: %s", i, up.year, rec.Code, rec.Body)
			continue
		}
		ans := decodeRegisterAnswer(t, rec)
		if got := receivedOf(t, st, ans.ID); got != float64(up.complaints) {
			t.Errorf("upload %d: received %v, want %d", i, got, up.complaints)
		}
	}
	versions := map[int]map[int]bool{}
	for _, sub := range submittedOf(t, st, "JUST") {
		if versions[sub.Year] == nil {
			versions[sub.Year] = map[int]bool{}
		}
		versions[sub.Year][sub.Version] = true
	}
	for year, want := range map[int]int{2012: 4, 2008: 1, 2009: 1, 2010: 1, 2011: 1} {
		if len(versions[year]) != want {
			t.Errorf("%d: versions %v, want %d distinct", year, versions[year], want)
		}
	}
}
