package main

import (
	"archive/zip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportCommand: the network report as a standalone HTML file and a
// workbook, one letter, every letter in a zip, and the refusals.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.duckdb")
	if out, code := runCLI(t, "import", "--db", db, fixture("long_en.csv"), fixture("report_nl_FOD_Justitie.xlsx")); code != 0 {
		t.Fatalf("import: %s", out)
	}
	html := filepath.Join(dir, "report.html")
	out, code := runCLI(t, "report", "--db", db, "--year", "2023", "--lang", "fr", "--format", "html", "--out", html)
	if code != 0 || !strings.Contains(out, "report.html écrit") {
		t.Fatalf("report html: exit %d: %s", code, out)
	}
	body, _ := os.ReadFile(html)
	for _, want := range []string{`<html lang="fr">`, "Rapport annuel de gestion des plaintes 2023", `data-section="annex"`, "<style>", "<script>"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("standalone report lacks %q", want)
		}
	}
	if strings.Contains(string(body), `src="/assets/`) {
		t.Error("the HTML file links to the server's assets instead of carrying them")
	}
	xlsx := filepath.Join(dir, "report.xlsx")
	if out, code := runCLI(t, "report", "--db", db, "--year", "2023", "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatalf("report xlsx: %s", out)
	}
	if zr, err := zip.OpenReader(xlsx); err != nil {
		t.Fatal(err)
	} else {
		charts := 0
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "xl/charts/chart") {
				charts++
			}
		}
		zr.Close()
		if charts < 10 {
			t.Errorf("workbook has %d charts", charts)
		}
	}
	letter := filepath.Join(dir, "fin.html")
	if out, code := runCLI(t, "report", "--db", db, "--year", "2023", "--lang", "nl", "--org", "fin", "--out", letter); code != 0 {
		t.Fatalf("letter: %s", out)
	}
	if body, _ := os.ReadFile(letter); !strings.Contains(string(body), "Jaarbrief klachtenmanagement 2023") {
		t.Error("letter not written in Dutch")
	}
	letters := filepath.Join(dir, "letters.zip")
	if out, code := runCLI(t, "report", "--db", db, "--year", "2023", "--lang", "nl", "--all-orgs", "--out", letters); code != 0 {
		t.Fatalf("all letters: %s", out)
	}
	zr, err := zip.OpenReader(letters)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	zr.Close()
	if !names["FIN_2023_nl.html"] || !names["JUST_2023_nl.html"] || len(names) < 20 {
		t.Errorf("zip holds %d letters: %v", len(names), names)
	}
	refusals := [][]string{
		{"report", "--db", db, "--year", "2023", "--org", "FIN", "--format", "xlsx", "--out", xlsx},
		{"report", "--db", db, "--year", "2023", "--all-orgs", "--out", filepath.Join(dir, "x.html")},
		{"report", "--db", db, "--year", "1999", "--out", html},
		{"report", "--db", db, "--year", "2023", "--org", "NOPE", "--out", html},
		{"report", "--db", db, "--out", html},
	}
	for _, args := range refusals {
		if out, code := runCLI(t, args...); code == 0 {
			t.Errorf("%v succeeded: %s", args, out)
		}
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		return
	}
	pdf := filepath.Join(dir, "report.pdf")
	if out, code := runCLI(t, "report", "--db", db, "--year", "2023", "--format", "pdf", "--out", pdf); code != 0 {
		t.Fatalf("report pdf: %s", out)
	}
	if body, _ := os.ReadFile(pdf); !strings.HasPrefix(string(body), "%PDF-") {
		t.Error("not a PDF")
	}
}
