package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/testfiles"
	"github.com/fcmn/infocentre/internal/yeartemplate"
)

// TestTemplateCommand: `infocentre template` writes a workbook that,
// filled in with another library, `infocentre import` takes with no
// problem, storing the values typed; --prefill writes them back into the
// inputs, and that file imports unchanged; sent back empty, the template
// is refused with its one sentence and nothing changes.
func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.duckdb")
	blank := filepath.Join(dir, "blank.xlsx")
	if out, code := runCLI(t, "template", "--db", db, "--org", "FIN", "--year", "2024", "--lang", "fr", "--out", blank); code != 0 {
		t.Fatalf("template exit %d:\n%s", code, out)
	}
	data, err := os.ReadFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	col, _ := excelize.ColumnNameToNumber(yeartemplate.ValueColumn)
	typed := testfiles.TemplateFigures()
	filled, err := testfiles.FillTemplate(data, ingest.TemplateSheet, yeartemplate.HeaderRow, col-1, typed)
	if err != nil {
		t.Fatal(err)
	}
	filledPath := filepath.Join(dir, "rempli.xlsx")
	if err := os.WriteFile(filledPath, filled, 0o600); err != nil {
		t.Fatal(err)
	}
	imported := func(path string) {
		t.Helper()
		out, code := runCLI(t, "import", "--db", db, "--lang", "en", path)
		if code != 0 || !strings.Contains(out, ": accepted") || !strings.Contains(out, "warnings: 0") || strings.Contains(out, "warning:") || strings.Contains(out, "error:") {
			t.Fatalf("import %s exit %d, want accepted without a problem:\n%s", filepath.Base(path), code, out)
		}
	}
	imported(filledPath)
	published := func() map[testfiles.Figure]float64 {
		t.Helper()
		out, code := runCLI(t, "export", "--db", db, "--format", "json", "--org", "FIN", "--year", "2024")
		if code != 0 {
			t.Fatalf("export exit %d:\n%s", code, out)
		}
		var obs []domain.Observation
		if err := json.Unmarshal([]byte(out), &obs); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		got := map[testfiles.Figure]float64{}
		for _, o := range obs {
			got[testfiles.Figure{Indicator: o.Indicator, Breakdown: o.Breakdown}] = o.Value
		}
		return got
	}
	if got := published(); len(got) != len(typed) {
		t.Errorf("%d values published, want %d", len(got), len(typed))
	}
	for k, v := range published() {
		if typed[k] != v {
			t.Errorf("%v: published %v, typed %v", k, v, typed[k])
		}
	}

	prefilled := filepath.Join(dir, "prefilled.xlsx")
	if out, code := runCLI(t, "template", "--db", db, "--org", "FIN", "--year", "2024", "--lang", "nl", "--prefill", "--out", prefilled); code != 0 {
		t.Fatalf("template --prefill exit %d:\n%s", code, out)
	}
	imported(prefilled)
	for k, v := range published() {
		if typed[k] != v {
			t.Errorf("after the prefilled template, %v: %v, want %v", k, v, typed[k])
		}
	}

	out, code := runCLI(t, "import", "--db", db, "--lang", "en", blank)
	if code == 0 || !strings.Contains(out, "refused") || !strings.Contains(out, "no value was filled in") || strings.Count(out, "error:") != 1 {
		t.Errorf("empty template: exit %d, want refused with one problem:\n%s", code, out)
	}
	if got := published(); len(got) != len(typed) {
		t.Errorf("the empty template changed the values: %d", len(got))
	}
}
