package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLILanguage: --lang, else LANG (LC_ALL, LC_MESSAGES first), else
// English, for the report and the problems, plural forms included.
func TestCLILanguage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(file, []byte("organisation,year,indicator,breakdown,value\nFIN,2023,received,,veel\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, env string
		args      []string
		want      []string
	}{
		{"LANG fr_BE", "fr_BE.UTF-8", nil, []string{"bad.csv\u00a0: refusé", "erreur\u00a0: ", "ligne 2, colonne E (value)", "n’est pas un nombre", "Fichier refusé\u00a0: 1 sur 1"}},
		{"--lang nl wins over LANG", "fr_BE.UTF-8", []string{"--lang", "nl"}, []string{"bad.csv: geweigerd", "fout: ", "rij 2, kolom E (value)", "is geen getal", "1 van 1 bestand geweigerd"}},
		{"--lang=fr after the command", "", []string{"--lang=fr"}, []string{"ligne 2"}},
		{"English otherwise", "C", nil, []string{"bad.csv: refused", "row 2, column E (value)", "1 of 1 file refused; nothing was written for it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tt.env)
			args := append([]string{"import", "--db", filepath.Join(t.TempDir(), "x.duckdb")}, tt.args...)
			out, code := runCLI(t, append(args, file)...)
			if code != 1 {
				t.Fatalf("exit %d:\n%s", code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
