package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// secrets are what differs between two runs by design: tokens and
// generated passwords.
var secrets = regexp.MustCompile(`ic_[A-Za-z0-9_-]+|password: \S+|Wachtwoord: \S+|mot de passe\s?: \S+`)

// TestCLIAgainstServer runs each command the issue lists against the real
// server with --server and a coordinator's token, and the same command on a
// local database in the same state: the output and exit status are the
// same, and the server's data changed as the local database did (the two
// exports agree at the end). Every exchange of the CLI with the server
// goes through contractProxy: the requests the CLI sends and the answers it
// gets are those the OpenAPI document describes.
func TestCLIAgainstServer(t *testing.T) {
	dir := t.TempDir()
	served, local := filepath.Join(dir, "served.duckdb"), filepath.Join(dir, "local.duckdb")
	token := newToken(t, served, "coord@example.be", "coordinator", "")
	newToken(t, local, "coord@example.be", "coordinator", "")
	_, base := serve(t, "--db", served)
	proxied, checked := contractProxy(t, base)
	register := filepath.Join("..", "..", "internal", "register", "testdata", "rules_nl.csv")

	type step struct {
		args []string
		code int
		same bool // the output equals the local run's (secrets aside)
	}
	steps := []step{
		{[]string{"import", fixture("long_en.csv"), fixture("report_nl_FOD_Justitie.xlsx")}, 0, true},
		{[]string{"import", "--submit-only", fixture("wide_codes_RIZIV_2024.tsv")}, 0, true},
		{[]string{"import", fixture("bad_unknown_org.csv")}, 1, true},
		{[]string{"import", "--dry-run", fixture("long_nl_1252.csv")}, 0, true},
		{[]string{"register", register}, 0, true},
		{[]string{"user", "add", "--email", "agent@fin.example", "--role", "agency", "--org", "FIN"}, 0, true},
		{[]string{"user", "add", "--email", "agent@fin.example", "--role", "agency", "--org", "FIN"}, 1, false}, // 409: the server says it
		{[]string{"token", "create", "--email", "agent@fin.example"}, 0, true},
		{[]string{"token", "revoke", "--email", "agent@fin.example"}, 0, true},
		{[]string{"org", "add", "--code", "CLIORG", "--name-nl", "CLI NL", "--name-fr", "CLI FR", "--name-en", "CLI EN", "--group", "other"}, 0, true},
		{[]string{"org", "update", "--code", "CLIORG", "--abbrev", "clio"}, 0, true},
		{[]string{"org", "end", "--code", "CLIORG", "--year", "2030"}, 0, true},
		{[]string{"org", "list"}, 0, true},
		{[]string{"indicator", "set-definition", "--code", "received", "--from", "2030", "--text", "Une définition ultérieure."}, 0, true},
		{[]string{"round", "open", "--year", "2031", "--deadline", "2032-03-31", "--org", "FIN,JUST"}, 0, true},
		{[]string{"fair", "thresholds", "--small-n", "12"}, 0, true},
		{[]string{"fair", "target", "--rate", "admissible_share", "--value", "60"}, 0, true},
		{[]string{"fair", "unit", "--org", "FIN", "--unit", "files"}, 0, true},
		{[]string{"fair", "show"}, 0, true},
		{[]string{"export", "--format", "csv"}, 0, true},
		{[]string{"export", "--format", "json", "--org", "JUST", "--year", "2024"}, 0, true},
	}
	for _, s := range steps {
		name := strings.Join(s.args[:2], " ")
		lang := "en"
		if s.args[0] == "indicator" {
			lang = "fr" // the definition's language
		}
		want, wantCode := runCLI(t, withFlags(s.args, "--lang", lang, "--db", local)...)
		got, code := runCLI(t, withFlags(s.args, "--lang", lang, "--server", proxied, "--token", token)...)
		if wantCode != s.code {
			t.Fatalf("%s locally: exit %d, want %d:\n%s", name, wantCode, s.code, want)
		}
		if code != s.code {
			t.Errorf("%s --server: exit %d, want %d:\n%s", name, code, s.code, got)
			continue
		}
		if s.same && secrets.ReplaceAllString(got, "…") != secrets.ReplaceAllString(want, "…") {
			t.Errorf("%s --server printed:\n%s\nlocally:\n%s", name, got, want)
		}
	}

	// The server's own data: the round, the account and its revoked token,
	// the fair settings.
	var round struct {
		Year    int `json:"year"`
		Entries []struct {
			Organisation string `json:"organisation"`
		} `json:"organisations"`
	}
	getJSON(t, base+"/api/v1/rounds/2031", token, &round)
	if round.Year != 2031 || len(round.Entries) != 2 {
		t.Errorf("the server's round 2031: %+v", round)
	}
	var fair struct {
		SmallN float64           `json:"small_n"`
		Units  map[string]string `json:"activity_units"`
	}
	getJSON(t, base+"/api/v1/fair", "", &fair)
	if fair.SmallN != 12 || fair.Units["FIN"] != "files" {
		t.Errorf("the server's fair settings: %+v", fair)
	}

	// Reports: written from the server's pages.
	for _, tt := range []struct{ args []string }{
		{[]string{"report", "--year", "2024", "--out", filepath.Join(dir, "network.html")}},
		{[]string{"report", "--year", "2024", "--format", "xlsx", "--out", filepath.Join(dir, "network.xlsx")}},
		{[]string{"report", "--year", "2024", "--org", "JUST", "--out", filepath.Join(dir, "letter.html")}},
		{[]string{"export", "--format", "xlsx", "--out", filepath.Join(dir, "extract.xlsx")}},
	} {
		out, code := runCLI(t, append(tt.args, "--lang", "en", "--server", proxied, "--token", token)...)
		file := tt.args[len(tt.args)-1]
		data, err := os.ReadFile(file)
		if code != 0 || err != nil || len(data) < 1000 {
			t.Errorf("%v --server: exit %d, %d bytes (%v):\n%s", tt.args[:2], code, len(data), err, out)
		}
		if tt.args[0] == "report" && !strings.Contains(out, file) {
			t.Errorf("%v --server printed %q", tt.args[:2], out)
		}
	}

	// Without a token, or with a bad one, nothing is done.
	if out, code := runCLI(t, "user", "add", "--lang", "en", "--server", proxied, "--email", "x@fin.example", "--role", "analyst"); code != 1 || !strings.Contains(out, "--token") {
		t.Errorf("--server without a token: exit %d:\n%s", code, out)
	}
	if out, code := runCLI(t, "org", "list", "--lang", "en", "--server", proxied, "--token", "ic_wrong"); code != 1 || !strings.Contains(out, "infocentre: ") {
		t.Errorf("--server with a bad token: exit %d:\n%s", code, out)
	}
	if n := checked(); n < int64(len(steps)) {
		t.Errorf("the contract proxy checked %d API exchanges, fewer than the %d commands", n, len(steps))
	}
}

// withFlags puts flags after a command and its action, before its files.
func withFlags(args []string, flags ...string) []string {
	n := 2
	switch args[0] {
	case "import", "register", "export", "report":
		n = 1
	}
	out := append([]string{}, args[:n]...)
	out = append(out, flags...)
	return append(out, args[n:]...)
}

func getJSON(t *testing.T, url, token string, v any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
