package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOrgCommands drives the reference from the command line: a new
// administration is recognised by its name in a file's title line, bad
// input exits non-zero and changes nothing, an ended administration keeps
// its history and names its successor.
func TestOrgCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.duckdb")
	out, code := runCLI(t, "org", "add", "--db", db, "--code", "DIGI", "--name-nl", "FOD Digitale Transformatie",
		"--name-fr", "SPF Transformation numérique", "--name-en", "FPS Digital Transformation", "--group", "fps_defence",
		"--abbrev", "DigiFed", "--from", "2023")
	if code != 0 || !strings.Contains(out, "administration DIGI added") {
		t.Fatalf("org add exit %d:\n%s", code, out)
	}
	file := filepath.Join(dir, "klachten.csv")
	csv := "Organisatie : SPF Transformation numérique\n\nIndicator;2023;2024\nOntvangen klachten;12;15\nOntvankelijke klachten;10;11\nOnontvankelijke klachten;2;4\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := runCLI(t, "import", "--db", db, file); code != 0 || !strings.Contains(out, "organisation: DIGI") {
		t.Fatalf("import exit %d:\n%s", code, out)
	}
	refused := []struct {
		name string
		args []string
		want string
	}{
		{"code used", []string{"org", "add", "--db", db, "--code", "FIN", "--name-nl", "a", "--name-fr", "b", "--name-en", "c", "--group", "other"}, "already used"},
		{"name used", []string{"org", "add", "--db", db, "--code", "NEW", "--name-nl", "FOD Financiën", "--name-fr", "b", "--name-en", "c", "--group", "other"}, "FIN"},
		{"unknown group", []string{"org", "add", "--db", db, "--code", "NEW", "--name-nl", "a", "--name-fr", "b", "--name-en", "c", "--group", "nope"}, "group"},
		{"end before start", []string{"org", "end", "--db", db, "--code", "DIGI", "--year", "2020"}, "before"},
		{"successor is itself", []string{"org", "end", "--db", db, "--code", "DIGI", "--year", "2024", "--successor", "DIGI"}, "itself"},
		{"unknown indicator", []string{"indicator", "set-definition", "--db", db, "--code", "nope", "--lang", "nl", "--from", "2024", "--text", "x"}, "bestaat niet"}, // --lang is also the language printed
	}
	before, _ := runCLI(t, "org", "list", "--db", db)
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			out, code := runCLI(t, tt.args...)
			if code == 0 || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, want non-zero and %q:\n%s", code, tt.want, out)
			}
		})
	}
	if after, _ := runCLI(t, "org", "list", "--db", db); after != before {
		t.Errorf("a refused command changed the list:\n%s\nwas:\n%s", after, before)
	}
	if out, code := runCLI(t, "org", "end", "--db", db, "--code", "BOSA", "--year", "2023", "--successor", "DIGI"); code != 0 {
		t.Fatalf("org end exit %d:\n%s", code, out)
	}
	if out, code := runCLI(t, "org", "update", "--db", db, "--code", "DIGI", "--name-en", "FPS Digital", "--group", "other", "--group-from", "2025"); code != 0 {
		t.Fatalf("org update exit %d:\n%s", code, out)
	}
	out, _ = runCLI(t, "org", "list", "--db", db)
	words := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"BOSA 2011–2023", "DIGI from 2024", "DIGI 2023–", "fps_defence from 2023, other from 2025", "FPS Digital", "DigiFed"} {
		if !strings.Contains(words, want) {
			t.Errorf("org list lacks %q:\n%s", want, out)
		}
	}
	if out, code := runCLI(t, "indicator", "set-definition", "--db", db, "--code", "received", "--lang", "fr", "--from", "2025", "--text", "Nouvelle définition."); code != 0 {
		t.Fatalf("set-definition exit %d:\n%s", code, out)
	}
}
