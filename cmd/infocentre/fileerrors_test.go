package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/testfiles"
)

// TestFileErrorsInTheReadersLanguage: a file that is missing, a folder, a
// text file named .xlsx, a workbook protected by a password or a file the
// user may not read is refused, by import and by register, with a sentence
// in the CLI's language that names the path; the other files are read.
func TestFileErrorsInTheReadersLanguage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.duckdb")
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	folder := filepath.Join(dir, "folder.xlsx")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		nl, fr string
	}{
		{"missing", filepath.Join(dir, "missing.xlsx"), " bestaat niet", " n’existe pas"},
		{"folder", folder, " is een map, geen bestand", " est un dossier et non un fichier"},
		{"text named .xlsx", write("text.xlsx", []byte("organisation;year;indicator;value\nFIN;2024;received;12\n")),
			"geen XLSX-werkmap", "n’est pas un classeur XLSX"},
		{"password", write("protected.xlsx", testfiles.ProtectedWorkbook(t)),
			"de XLSX-werkmap is met een wachtwoord beveiligd", "le classeur XLSX est protégé par un mot de passe"},
	}
	if os.Getuid() != 0 { // root reads any file
		unreadable := write("unreadable.csv", []byte("organisation,year,indicator,breakdown,value\n"))
		if err := os.Chmod(unreadable, 0); err != nil {
			t.Fatal(err)
		}
		tests = append(tests, struct {
			name   string
			path   string
			nl, fr string
		}{"unreadable", unreadable, "geen toestemming om " + unreadable + " te lezen of te schrijven", "pas d’autorisation de lire ou d’écrire " + unreadable})
	}
	// A good file of each command, after the refused one.
	good := map[string]string{"import": fixture("long_en.csv"),
		"register": filepath.Join("..", "..", "internal", "register", "testdata", "plaintes FIN 2023-2024.csv")}
	for _, tt := range tests {
		for _, cmd := range []string{"import", "register"} {
			for lang, want := range map[string]string{"nl": tt.nl, "fr": tt.fr} {
				t.Run(tt.name+" "+cmd+" "+lang, func(t *testing.T) {
					out, code := runCLI(t, cmd, "--lang", lang, "--dry-run", "--db", db, tt.path, good[cmd])
					if code != 1 || !strings.Contains(out, want) {
						t.Errorf("exit %d, want 1 with %q:\n%s", code, want, out)
					}
					if strings.Contains(tt.name, "folder") || tt.name == "missing" || tt.name == "unreadable" {
						if !strings.Contains(out, tt.path) {
							t.Errorf("the message does not name %s:\n%s", tt.path, out)
						}
					}
					for _, english := range []string{"no such file", "permission denied", "is a directory", "not a valid zip", "zip:"} {
						if strings.Contains(out, english) {
							t.Errorf("the message holds English %q:\n%s", english, out)
						}
					}
					// The good file after the refused one is still read.
					if !strings.Contains(out, good[cmd]+": ") && !strings.Contains(out, good[cmd]+"\u00a0: ") {
						t.Errorf("the next file was not read:\n%s", out)
					}
				})
			}
		}
	}
}
