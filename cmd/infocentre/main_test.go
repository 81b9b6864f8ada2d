package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/storetest"
)

// runCLI runs the command line in-process and returns its output and exit
// status as the shell would see it.
func runCLI(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &out)
	var exit exitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.code
	case errors.Is(err, errUsage):
		return out.String(), 2
	}
	return out.String() + err.Error(), 1
}

func fixture(name string) string { return filepath.Join("..", "..", "ingest", "testdata", name) }

func TestImportExportContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	out, code := runCLI(t, "import", "--db", db, fixture("long_en.csv"), fixture("report_nl_FOD_Justitie.xlsx"))
	if code != 0 {
		t.Fatalf("import exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"long_en.csv: accepted", "organisation: FIN", "years: 2023", "observations: 6", "stored: submission 1, FIN 2023 version 1 (approved)",
		"report_nl_FOD_Justitie.xlsx: accepted", "organisation: JUST", "years: 2023, 2024", "observations: 12",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	out, code = runCLI(t, "export", "--db", db, "--format", "csv", "--org", "FIN")
	want := "organisation,year,indicator,breakdown,value\n" +
		"FIN,2023,admissible,,100\nFIN,2023,avg_days,,23.45\nFIN,2023,by_channel,email,70\nFIN,2023,by_channel,letter,50\n" +
		"FIN,2023,inadmissible,,20\nFIN,2023,received,,120\n"
	if code != 0 || out != want {
		t.Errorf("export exit %d:\n%s\nwant:\n%s", code, out, want)
	}
	out, code = runCLI(t, "export", "--db", db, "--format", "json", "--indicator", "received", "--year", "2024")
	if code != 0 || !strings.Contains(out, `"organisation": "JUST"`) || !strings.Contains(out, `"value": 1250`) || strings.Contains(out, "FIN") {
		t.Errorf("json export exit %d:\n%s", code, out)
	}
	out, code = runCLI(t, "import", "--db", db, fixture("long_en.csv"))
	if code != 0 || !strings.Contains(out, "unchanged: FIN 2023 is identical to submission 1 (version 1); nothing written") {
		t.Errorf("re-import exit %d:\n%s", code, out)
	}
	// Each file the command line stored, or found stored already, is an
	// upload in the audit log, as one sent through the site is.
	uploads := cliUploads(t, db, "upload")
	if len(uploads) != 3 || !strings.HasPrefix(uploads[0].Detail, "long_en.csv ") || uploads[2].Subject != "1" {
		t.Errorf("audit log uploads by the command line: %+v", uploads)
	}
}

// cliUploads lists the audit log's entries of action (upload,
// register_upload) by the command line, newest first.
func cliUploads(t *testing.T, db, action string) []domain.AuditEntry {
	t.Helper()
	entries, err := storetest.OpenFile(t, db).AuditLog(context.Background(), "cli", action, 100)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// TestImportRefusals: every bad file gets a located message and a non-zero
// exit, and the database is unchanged.
func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.duckdb")
	if out, code := runCLI(t, "import", "--db", db, fixture("long_en.csv")); code != 0 {
		t.Fatalf("seed import: %s", out)
	}
	snapshot := func() string {
		out, code := runCLI(t, "export", "--db", db, "--format", "json")
		if code != 0 {
			t.Fatalf("export: %s", out)
		}
		return out
	}
	before := snapshot()
	garbage := filepath.Join(dir, "garbage.csv")
	os.WriteFile(garbage, []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7}, 0o600)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"empty", []string{fixture("empty.csv")}, "empty.csv: the file is empty"},
		{"binary", []string{garbage}, "binary data, not text"},
		{"unknown organisation", []string{fixture("bad_unknown_org.csv")}, `row 4, column A (organisation): “XYZ”: unknown organisation`},
		{"unknown indicator", []string{fixture("bad_unknown_indicator.csv")}, `“Ontvange klachten”: unknown indicator`},
		{"text and negative counts", []string{fixture("bad_values.csv")}, `“-5”: negative admissible`},
		{"duplicate", []string{fixture("bad_duplicate.csv")}, "duplicate value for FIN 2023 received"},
		{"inconsistent", []string{filepath.Join("..", "..", "internal", "importer", "testdata", "bad_rules.csv")}, "expected admissible + inadmissible = received"},
		{"missing file", []string{filepath.Join(dir, "nope.csv")}, "nope.csv does not exist"},
		{"one bad among good", []string{fixture("long_fr_second_sheet.xlsx"), fixture("bad_values.csv")}, "1 of 2 files refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"import", "--db", db}, tt.args...)
			out, code := runCLI(t, args...)
			if code == 0 {
				t.Fatalf("exit 0, want non-zero:\n%s", out)
			}
			if !strings.Contains(out, tt.want) || !strings.Contains(out, "refused") {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
		})
	}
	// The good file of the mixed run was imported; nothing else changed.
	after := snapshot()
	if !strings.Contains(after, `"organisation": "RVA"`) {
		t.Errorf("good file of the mixed run not imported")
	}
	if !strings.HasPrefix(strings.ReplaceAll(after, "\n", ""), strings.TrimSuffix(strings.ReplaceAll(before, "\n", ""), "]")) {
		t.Errorf("refused files changed the figures:\nbefore %s\nafter %s", before, after)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage: infocentre <command>"},
		{[]string{"frobnicate"}, 2, `unknown command “frobnicate”`},
		{[]string{"import", "--db", "x.duckdb"}, 2, "Usage:\n  infocentre import [options] FILE..."},
		{[]string{"export", "--year", "abc", "--db", "x.duckdb"}, 1, `year “abc”`},
		{[]string{"export", "--format", "pdf", "--db", "x.duckdb"}, 1, `--format “pdf”: expected csv, json, xlsx or parquet`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d (want %d), output:\n%s\nwant %q", code, tt.code, out, tt.want)
			}
		})
	}
}

func TestUserAndToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--db", db, "--email", "Coord@bosa.be", "--role", "coordinator"}, strings.NewReader(""), &out, &out)
	if err != nil || !strings.Contains(out.String(), "coord@bosa.be (coordinator)\n") || !strings.Contains(out.String(), "password: ") {
		t.Fatalf("user add with generated password: %v\n%s", err, out.String())
	}
	out.Reset()
	err = run(context.Background(), []string{"user", "add", "--db", db, "--email", "agent@fin.be", "--role", "agency", "--org", "fin"}, strings.NewReader("a long enough secret\n"), &out, &out)
	if err != nil || strings.Contains(out.String(), "password:") || !strings.Contains(out.String(), "(agency FIN)") {
		t.Fatalf("user add with password on stdin: %v\n%s", err, out.String())
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"user", "add", "--db", db, "--email", "agent@fin.be", "--role", "agency", "--org", "FIN"}, "already exists"},
		{[]string{"user", "add", "--db", db, "--email", "x@y.be", "--role", "agency"}, "An agency belongs to one administration"},
		{[]string{"user", "add", "--db", db, "--email", "x@y.be", "--role", "admin"}, `Role “admin” is unknown`},
		{[]string{"user", "add", "--db", db, "--email", "x@y.be", "--role", "agency", "--org", "NOPE"}, "unknown organisation “NOPE”"},
		{[]string{"token", "create", "--db", db, "--email", "ghost@y.be"}, "no account ghost@y.be"},
	}
	for _, tt := range tests {
		out, code := runCLI(t, tt.args...)
		if code == 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, output %q, want %q", tt.args, code, out, tt.want)
		}
	}
	out2, code := runCLI(t, "token", "create", "--db", db, "--email", "agent@fin.be")
	lines := strings.Split(strings.TrimSpace(out2), "\n")
	token := lines[len(lines)-1]
	if code != 0 || !strings.HasPrefix(token, "ic_") || len(token) != 46 {
		t.Fatalf("token create: exit %d, last line %q", code, token)
	}
	out2, code = runCLI(t, "token", "revoke", "--db", db, "--email", "agent@fin.be")
	if code != 0 || !strings.Contains(out2, "1 token of agent@fin.be revoked") {
		t.Errorf("token revoke: exit %d, %s", code, out2)
	}
}

// TestExportXLSXRoundTrip: an XLSX extract written by the CLI imports into
// a fresh database and gives back exactly the same observations.
func TestExportXLSXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "a.duckdb")
	if out, code := runCLI(t, "import", "--db", first, fixture("long_en.csv"), fixture("report_nl_FOD_Justitie.xlsx"), fixture("wide_twolevel.xlsx")); code != 0 {
		t.Fatalf("import: %s", out)
	}
	for _, layout := range []string{"long", "wide"} {
		for _, lang := range []string{"nl", "fr", "en"} {
			xlsx := filepath.Join(dir, layout+"_"+lang+".xlsx")
			if out, code := runCLI(t, "export", "--db", first, "--format", "xlsx", "--layout", layout, "--lang", lang, "--out", xlsx); code != 0 {
				t.Fatalf("export xlsx: %s", out)
			}
			db := filepath.Join(dir, layout+"_"+lang+".duckdb")
			if out, code := runCLI(t, "import", "--db", db, xlsx); code != 0 {
				t.Fatalf("re-import %s: %s", xlsx, out)
			}
			want, _ := runCLI(t, "export", "--db", first)
			got, _ := runCLI(t, "export", "--db", db)
			if got != want || strings.Count(got, "\n") < 25 {
				t.Errorf("%s %s round trip differs:\n%s\nwant:\n%s", layout, lang, got, want)
			}
		}
	}
}

func TestImportGroupsRepeatedProblems(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("organisation,year,indicator,breakdown,value\n")
	for i := 0; i < 150; i++ {
		b.WriteString("FIN,2023,received,,lots\n")
	}
	file := filepath.Join(dir, "bad.csv")
	os.WriteFile(file, []byte(b.String()), 0o600)
	out, code := runCLI(t, "import", "--db", filepath.Join(dir, "x.duckdb"), file)
	if code == 0 || strings.Count(out, "  error: ") != 1 || !strings.Contains(out, `column E (value): “lots” and 149 more values: is not a number`) || !strings.Contains(out, "errors: 150") {
		t.Errorf("exit %d, %d errors listed:\n%s", code, strings.Count(out, "  error: "), out[len(out)-300:])
	}
}

func TestRegisterCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reg.duckdb")
	testdata := filepath.Join("..", "..", "internal", "register", "testdata")
	out, code := runCLI(t, "register", "--db", db, filepath.Join(testdata, "bad.csv"))
	if code != 1 || !strings.Contains(out, `bad.csv, row 6, column B (Complaint number): “B4”: duplicate complaint number: already on row 5`) ||
		!strings.Contains(out, `row 3, column D (Channel): “pigeon”: unknown channel`) {
		t.Errorf("bad register: exit %d\n%s", code, out)
	}
	if out, _ := runCLI(t, "export", "--db", db); out != "organisation,year,indicator,breakdown,value\n" {
		t.Errorf("a refused register wrote figures:\n%s", out)
	}
	out, code = runCLI(t, "register", "--db", db, filepath.Join(testdata, "plaintes FIN 2023-2024.csv"))
	if code != 0 || !strings.Contains(out, "years: 2023, 2024") || !strings.Contains(out, "stored: submission 2, FIN 2024 version 1 (approved, from the register)") {
		t.Fatalf("register: exit %d\n%s", code, out)
	}
	out, _ = runCLI(t, "export", "--db", db, "--org", "FIN", "--year", "2023", "--indicator", "received,admissible,closed")
	want := "organisation,year,indicator,breakdown,value\nFIN,2023,admissible,,5\nFIN,2023,closed,,3\nFIN,2023,received,,6\n"
	if out != want {
		t.Errorf("computed figures:\n%s\nwant:\n%s", out, want)
	}
	// The refused register wrote nothing, the audit entry included.
	if uploads := cliUploads(t, db, "register_upload"); len(uploads) != 1 || uploads[0].Subject != "1,2" || !strings.Contains(uploads[0].Detail, "plaintes FIN 2023-2024.csv") {
		t.Errorf("audit log uploads by the command line: %+v", uploads)
	}
}

func TestExportParquet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pq.duckdb")
	testdata := filepath.Join("..", "..", "internal", "register", "testdata")
	if out, code := runCLI(t, "register", "--db", db, filepath.Join(testdata, "plaintes FIN 2023-2024.csv")); code != 0 {
		t.Fatalf("register: exit %d\n%s", code, out)
	}
	if out, code := runCLI(t, "export", "--db", db, "--format", "parquet"); code != 1 || !strings.Contains(out, "--out") {
		t.Errorf("without --out: exit %d\n%s", code, out)
	}
	dir := filepath.Join(t.TempDir(), "parquet")
	out, code := runCLI(t, "export", "--db", db, "--format", "parquet", "--out", dir)
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "register_rows")) {
		t.Fatalf("export: exit %d\n%s", code, out)
	}
	for _, pattern := range []string{"observations/org=FIN/year=2023/*.parquet", "register_rows/org=FIN/year=2024/*.parquet"} {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) == 0 {
			t.Errorf("no %s", pattern)
		}
	}
}

// TestUserPasswordInCharacters: `user add` counts a password in characters,
// as the site does (TestAccountPasswordInCharacters in internal/web): 12
// characters of two bytes each are enough, 11 (22 bytes) are not.
func TestUserPasswordInCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	for _, c := range []struct {
		email, password string
		accepted        bool
	}{
		{"twelve@fin.be", strings.Repeat("é", 12), true},
		{"eleven@fin.be", strings.Repeat("é", 11), false},
		{"ascii@fin.be", "elevenchars", false},
	} {
		t.Run(c.email, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), []string{"user", "add", "--db", db, "--email", c.email, "--role", "analyst"}, strings.NewReader(c.password+"\n"), &out, &out)
			if (err == nil) != c.accepted {
				t.Fatalf("%d bytes, %d characters: accepted %v, want %v\n%s", len(c.password), len([]rune(c.password)), err == nil, c.accepted, out.String())
			}
			if !c.accepted && !strings.Contains(out.String()+err.Error(), "at least 12 characters") {
				t.Errorf("refusal does not say why: %s %v", out.String(), err)
			}
		})
	}
}
