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

// TestCLIDomainErrorLanguage: a command refused with a domain error prints
// its message in the CLI's language and exits 1.
func TestCLIDomainErrorLanguage(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "")
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	args := []string{"round", "open", "--db", db, "--year", "2024", "--deadline", "31/03/2025"}
	tests := []struct {
		name, env string
		lang      []string
		want      string
	}{
		{"--lang fr", "", []string{"--lang", "fr"}, "infocentre\u00a0: date limite «\u00a031/03/2025\u00a0»\u00a0: écrivez-la sous la forme AAAA-MM-JJ"},
		{"--lang nl", "fr_BE.UTF-8", []string{"--lang=nl"}, "infocentre: uiterste datum “31/03/2025”: schrijf ze als JJJJ-MM-DD"},
		{"LANG fr_BE", "fr_BE.UTF-8", nil, "écrivez-la sous la forme AAAA-MM-JJ"},
		{"English otherwise", "C.UTF-8", nil, "infocentre: deadline “31/03/2025”: write it as YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LANG", tt.env)
			out, code := runCLI(t, append(append([]string{}, args...), tt.lang...)...)
			if code != 1 || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, want 1 with %q:\n%s", code, tt.want, out)
			}
		})
	}
}

// TestCLIRegisterRefusedInFrench: a file that is no register is refused
// with the reason in the CLI's language.
func TestCLIRegisterRefusedInFrench(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "FIN register.csv")
	if err := os.WriteFile(file, []byte("\xff\xfen\x00u\x00m\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, code := runCLI(t, "register", "--lang", "fr", "--db", filepath.Join(dir, "x.duckdb"), file)
	for _, want := range []string{"FIN register.csv\u00a0: refusé", "erreur\u00a0: FIN register.csv\u00a0: le fichier est un texte UTF-16\u00a0: enregistrez-le au format CSV UTF-8"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("exit %d, want 1 with %q:\n%s", code, want, out)
		}
	}
}

// TestCLIOutputLanguage: what the account, token, org and terms commands
// print is in the CLI's language too.
func TestCLIOutputLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"user", "add", "--lang", "fr", "--email", "agent@fin.be", "--role", "agency", "--org", "FIN"},
			[]string{"compte 1 créé\u00a0: agent@fin.be (agency FIN)", "mot de passe\u00a0: "}},
		{[]string{"token", "create", "--lang", "nl", "--email", "agent@fin.be"}, []string{"token 1 voor agent@fin.be (agency FIN), prefix ic_", "het wordt maar één keer getoond:"}},
		{[]string{"token", "revoke", "--lang", "fr", "--email", "agent@fin.be"}, []string{"1 jeton révoqué pour agent@fin.be"}},
		// No stray space when there is no administration (issue 23).
		{[]string{"user", "add", "--lang", "en", "--email", "coord@bosa.be", "--role", "coordinator"}, []string{"account 2 created: coord@bosa.be (coordinator)\n"}},
		{[]string{"org", "list", "--lang", "nl"}, []string{"CODE", "JAREN", "OPVOLGERS", "FOD Financiën"}},
		{[]string{"terms", "set", "--lang", "fr", "--org", "FIN", "--ack-days", "5", "--answer-days", "30", "--working-days"},
			[]string{"FIN\u00a0: accusé de réception dans les 5 jours ouvrables, réponse dans les 30 jours ouvrables"}},
	}
	for _, tt := range tests {
		out, code := runCLI(t, append(tt.args, "--db", db)...)
		for _, w := range tt.want {
			if code != 0 || !strings.Contains(out, w) {
				t.Errorf("%v: exit %d, want 0 with %q:\n%s", tt.args[:2], code, w, out)
			}
		}
	}
}
