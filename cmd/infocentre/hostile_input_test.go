package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// call sends a JSON request with a bearer token to the running server and
// returns the status and the body.
func call(t *testing.T, method, url, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(answer)
}

// TestServerRefusesHostileInput replays issue 23's texts and numbers
// against the real server: each is refused (400, or 422 for a file) and
// changes nothing, and the round and settings still answer.
func TestServerRefusesHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	db := filepath.Join(t.TempDir(), "hostile-input.duckdb")
	coord := newToken(t, db, "coord@example.be", "coordinator", "")
	agency := newToken(t, db, "agency@fin.example", "agency", "FIN")
	_, base := serve(t, "--db", db)
	api := base + "/api/v1"
	org := func(name string) string {
		b, _ := json.Marshal(map[string]any{"code": "NEWORG", "name": map[string]string{"nl": name, "fr": "Nouveau", "en": "New"},
			"kind": "public_institution", "second_line": "federal_ombudsman", "group": "other"})
		return string(b)
	}
	settings := func() string {
		code, body := call(t, http.MethodGet, api+"/fair", coord, "")
		if code != http.StatusOK {
			t.Fatalf("GET /fair: %d %s", code, body)
		}
		return body
	}
	before := settings()

	steps := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"N4 a million-character name", http.MethodPost, "/organisations?lang=en", org(strings.Repeat("x", 1_000_000)), 400, "longer than 200 characters"},
		{"N10 a name with CR LF", http.MethodPost, "/organisations?lang=en", org("Nieuwe\r\nDienst"), 400, "must fit on one line"},
		{"N10 a name with NUL", http.MethodPost, "/organisations?lang=en", org("Nieuwe\x00Dienst"), 400, "must fit on one line"},
		{"N6 a threshold of 1e308", http.MethodPost, "/rounds", `{"year":2026,"deadline":"2027-03-31","change_threshold":1e308}`, 400, "change threshold"},
		{"N9 an empty change", http.MethodPut, "/fair/thresholds", `{}`, 200, `"small_n":10`},
		{"N9 small_n 10.5", http.MethodPut, "/fair/thresholds?lang=en", `{"small_n":10.5}`, 400, "whole number"},
		{"N9 small_n 1e20", http.MethodPut, "/fair/thresholds?lang=en", `{"small_n":1e20}`, 400, "between 0 and 1000"},
		{"N9 a share above 100", http.MethodPut, "/fair/targets/founded_share?lang=en", `{"direction":"at_most","value":150,"margin":0}`, 400, "between 0 and 100"},
		{"N9 ack_days 1e8", http.MethodPut, "/fair/organisations/BOSA?lang=en", `{"activity_unit":"files","ack_days":100000000,"answer_days":30}`, 400, "between 0 and 365"},
		{"N8 ack_days -5 with a new unit", http.MethodPut, "/fair/organisations/BOSA?lang=en", `{"activity_unit":"decisions","ack_days":-5,"answer_days":30}`, 400, "between 0 and 365"},
		{"N6 a good round", http.MethodPost, "/rounds", `{"year":2026,"deadline":"2027-03-31","change_threshold":0.375}`, 201, `"change_threshold":0.375`},
		{"N6 the round answers", http.MethodGet, "/rounds/2026", "", 200, `"change_threshold":0.375`},
	}
	for _, s := range steps {
		code, body := call(t, s.method, api+s.path, coord, s.body)
		if code != s.status || !strings.Contains(body, s.want) {
			t.Errorf("%s: %d, want %d with %q: %.300s", s.name, code, s.status, s.want, body)
		}
		if len(body) > 10_000 {
			t.Errorf("%s: an answer of %d bytes", s.name, len(body))
		}
	}
	if after := settings(); after != before {
		t.Errorf("refused changes changed the settings:\n%s\n%s", before, after)
	}
	if _, body := call(t, http.MethodGet, api+"/organisations", coord, ""); strings.Contains(body, "NEWORG") {
		t.Error("a refused administration was stored")
	}

	// N11: a file of 1999 is refused at its cell.
	code, body := upload(t, api+"/submissions?lang=en", agency, "fin.csv", []byte("Organisation;Year;Indicator;Value\nFIN;1999;received;12\n"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"code":"year_out_of_range"`) || !strings.Contains(string(body), "row 2, column B (Year)") {
		t.Errorf("a file of 1999: %d %.500s", code, body)
	}
}
