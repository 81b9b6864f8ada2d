package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it; review the diff):\n%s", path, got)
	}
}

func writeXLSX(t *testing.T, x *Extractor, r Request) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := x.WriteXLSX(context.Background(), &buf, r); err != nil {
		t.Fatalf("WriteXLSX(%+v): %v", r, err)
	}
	return buf.Bytes()
}

func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read the workbook back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellStyle describes what a reader sees of a cell's style: bold, and the
// number format ("@" is text).
func cellStyle(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	if style.Font != nil && style.Font.Bold {
		parts = append(parts, "bold")
	}
	switch {
	case style.CustomNumFmt != nil:
		parts = append(parts, *style.CustomNumFmt)
	case style.NumFmt == 49:
		parts = append(parts, "@")
	case style.NumFmt != 0:
		parts = append(parts, fmt.Sprintf("numFmt %d", style.NumFmt))
	}
	if style.Alignment != nil && style.Alignment.WrapText {
		parts = append(parts, "wrap")
	}
	return strings.Join(parts, " ")
}

// sheetXML returns the raw XML of a worksheet, for what excelize has no
// getter for (the autofilter).
func sheetXML(t *testing.T, data []byte, index int) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(fmt.Sprintf("xl/worksheets/sheet%d.xml", index))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

var autoFilterRef = regexp.MustCompile(`<autoFilter ref="([^"]+)"`)

// dumpWorkbook renders the structure of a workbook as text, as a reader
// sees it: sheets, frozen panes, autofilter, column widths, and every cell
// with its style. Submission dates depend on the clock and show as <date>.
func dumpWorkbook(t *testing.T, data []byte) string {
	t.Helper()
	f := openXLSX(t, data)
	var b strings.Builder
	for i, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== sheet %s\n", sheet)
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "panes: freeze=%t xsplit=%d ysplit=%d topleft=%s\n", panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell)
		if m := autoFilterRef.FindStringSubmatch(sheetXML(t, data, i+1)); m != nil {
			fmt.Fprintf(&b, "autofilter: %s\n", m[1])
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		width := 0
		for _, row := range rows {
			width = max(width, len(row))
		}
		var widths []string
		for c := 1; c <= width; c++ {
			w, err := f.GetColWidth(sheet, domain.ColumnName(c))
			if err != nil {
				t.Fatal(err)
			}
			widths = append(widths, fmt.Sprintf("%s=%g", domain.ColumnName(c), w))
		}
		fmt.Fprintf(&b, "widths: %s\n", strings.Join(widths, " "))
		for r, row := range rows {
			var cells []string
			for c, value := range row {
				if value == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				style := cellStyle(t, f, sheet, ref)
				if style == "yyyy-mm-dd hh:mm" {
					value = "<date>"
				}
				cell := fmt.Sprintf("%s=%q", ref, value)
				if style != "" {
					cell += " [" + style + "]"
				}
				cells = append(cells, cell)
			}
			fmt.Fprintf(&b, "%s\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}

func TestWorkbookGolden(t *testing.T) {
	x, _ := newFixture(t)
	tests := []struct {
		golden string
		req    Request
	}{
		{"long_en.golden", Request{}},
		{"long_nl_2023.golden", Request{Lang: "nl", Years: []int{2023}}},
		{"wide_fr.golden", Request{Lang: "fr", Layout: "wide"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			checkGolden(t, tt.golden, dumpWorkbook(t, writeXLSX(t, x, tt.req)))
		})
	}
}

// sheetsByLang are the sheet names a reader of each language gets.
var sheetsByLang = map[string]sheets{
	"en": {data: "Data", definitions: "Definitions", about: "About", notes: "Notes"},
	"nl": {data: "Gegevens", definitions: "Definities", about: "Over", notes: "Toelichtingen"},
	"fr": {data: "Données", definitions: "Définitions", about: "À propos", notes: "Remarques"},
}

// The goldens are reviewed once; these checks state the promises of the
// issue directly, so that an -update cannot quietly drop one.
func TestWorkbookStructure(t *testing.T) {
	x, _ := newFixture(t)
	for _, layout := range []string{LayoutLong, LayoutWide} {
		for _, lang := range []string{"nl", "fr", "en"} {
			t.Run(layout+"/"+lang, func(t *testing.T) {
				data := writeXLSX(t, x, Request{Layout: layout, Lang: lang})
				f := openXLSX(t, data)
				sh := sheetsByLang[lang]
				if got, want := f.GetSheetList(), []string{sh.data, sh.definitions, sh.about}; !slices.Equal(got, want) {
					t.Fatalf("sheets = %v, want %v", got, want)
				}
				rows, err := f.GetRows(sh.data)
				if err != nil {
					t.Fatal(err)
				}
				header := rows[0]
				if layout == LayoutLong && !slices.Equal(header, longHeaders(lang)) {
					t.Errorf("long header = %v, want %v", header, longHeaders(lang))
				}
				if layout == LayoutWide {
					// The key columns, then one code per series, as the importer reads them.
					want := []string{longHeaders(lang)[0], longHeaders(lang)[1], longHeaders(lang)[2],
						"received", "admissible", "inadmissible", "closed", "avg_days",
						"by_channel:email", "by_channel:letter", "by_language:nl", "by_language:fr"}
					if !slices.Equal(header, want) {
						t.Errorf("wide header = %v, want %v", header, want)
					}
				}
				for c := range header {
					ref, _ := excelize.CoordinatesToCellName(c+1, 1)
					if style := cellStyle(t, f, sh.data, ref); !strings.HasPrefix(style, "bold") {
						t.Errorf("header cell %s style %q, want bold", ref, style)
					}
					w, err := f.GetColWidth(sh.data, domain.ColumnName(c+1))
					if err != nil {
						t.Fatal(err)
					}
					if w < 8 {
						t.Errorf("column %s width %g: too narrow to read", domain.ColumnName(c+1), w)
					}
				}
				panes, err := f.GetPanes(sh.data)
				if err != nil {
					t.Fatal(err)
				}
				if !panes.Freeze || panes.YSplit != 1 {
					t.Errorf("panes = %+v, want the header row frozen", panes)
				}
				want := fmt.Sprintf("A1:%s%d", domain.ColumnName(len(header)), len(rows))
				if m := autoFilterRef.FindStringSubmatch(sheetXML(t, data, 1)); m == nil || strings.ReplaceAll(m[1], "$", "") != want {
					t.Errorf("autofilter = %v, want %s", m, want)
				}
				for r := 2; r <= len(rows); r++ {
					for c := range header {
						ref, _ := excelize.CoordinatesToCellName(c+1, r)
						value, _ := f.GetCellValue(sh.data, ref, excelize.Options{RawCellValue: true})
						if value == "" || !isValueColumn(layout, c) {
							continue
						}
						indicator := header[c]
						if layout == LayoutLong {
							indicator, _ = f.GetCellValue(sh.data, fmt.Sprintf("D%d", r))
						}
						indicator, _, _ = strings.Cut(indicator, ":")
						wantFormat := map[string]string{"avg_days": "#,##0.0"}[indicator]
						if wantFormat == "" {
							wantFormat = "#,##0"
						}
						if got := cellStyle(t, f, sh.data, ref); got != wantFormat {
							t.Errorf("%s (%s) format %q, want %q", ref, indicator, got, wantFormat)
						}
					}
				}
			})
		}
	}
}

func isValueColumn(layout string, c int) bool {
	if layout == LayoutLong {
		return c == 7
	}
	return c >= wideKeyColumns
}

// Text that a spreadsheet could evaluate must stay text. Submission file
// names come from users: one is named like a HYPERLINK formula.
func TestWorkbookFormulaInjection(t *testing.T) {
	x, _ := newFixture(t)
	f := openXLSX(t, writeXLSX(t, x, Request{Lang: "fr"}))
	rows, err := f.GetRows("À propos")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for r, row := range rows {
		for c, value := range row {
			if value != evilFileName {
				continue
			}
			found = true
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			formula, err := f.GetCellFormula("À propos", ref)
			if err != nil {
				t.Fatal(err)
			}
			if formula != "" {
				t.Errorf("%s holds the formula %q", ref, formula)
			}
			typ, err := f.GetCellType("À propos", ref)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString && typ != excelize.CellTypeFormula {
				// CellTypeFormula is "str": a string result, checked above to carry no formula.
				t.Errorf("%s type %v, want a string cell", ref, typ)
			}
			if style := cellStyle(t, f, "À propos", ref); style != "@" {
				t.Errorf("%s style %q, want the Text format @ so that editing keeps it text", ref, style)
			}
		}
	}
	if !found {
		t.Fatalf("the About sheet does not list the file %q", evilFileName)
	}
}

func TestFormulaLike(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"=1+1", true}, {"+32 2 000", true}, {"-5", true}, {"@SUM(A1)", true},
		{"\tx", true}, {"\rx", true}, {"", false}, {"FIN", false}, {"a=b", false}, {" =x", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			if got := FormulaLike(tt.in); got != tt.want {
				t.Errorf("FormulaLike(%q) = %t, want %t", tt.in, got, tt.want)
			}
			wantCSV := tt.in
			if tt.want {
				wantCSV = "'" + tt.in
			}
			if got := InertCSV(tt.in); got != wantCSV {
				t.Errorf("InertCSV(%q) = %q, want %q", tt.in, got, wantCSV)
			}
		})
	}
}

// TestDefinitionsInReadersLanguage: a Dutch or French reader gets the
// definitions of the catalogue in their language, never the English ones.
func TestDefinitionsInReadersLanguage(t *testing.T) {
	x, st := newFixture(t)
	received, ok := st.Reference().Indicator("received")
	if !ok {
		t.Fatal("no indicator received in the catalogue")
	}
	english := received.DefinitionIn("en", 2023)
	for _, lang := range []string{"nl", "fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			f := openXLSX(t, writeXLSX(t, x, Request{Years: []int{2023}, Indicators: []string{"received"}, Lang: lang}))
			rows, err := f.GetRows(sheetsByLang[lang].definitions)
			if err != nil {
				t.Fatal(err)
			}
			want := received.DefinitionIn(lang, 2023)
			if want == "" || (lang != "en" && want == english) {
				t.Fatalf("the catalogue has no %s definition of received: %q", lang, want)
			}
			var got string
			for _, row := range rows {
				if len(row) > 1 && row[0] == "received" {
					got = row[1]
				}
			}
			if !strings.Contains(got, want) || (lang != "en" && strings.Contains(got, english)) {
				t.Errorf("definition of received in %s: %q, want %q", lang, got, want)
			}
		})
	}
}

// TestDefinitionValidForEachYear: after a definition changes, an extract
// covering years on both sides shows each version with the years it is in
// force; an extract of a later year shows the new text alone, one of an
// earlier year the old one.
func TestDefinitionValidForEachYear(t *testing.T) {
	x, st := newFixture(t)
	ctx := context.Background()
	received, _ := st.Reference().Indicator("received")
	old, from := received.DefinitionIn("fr", 2022), 0
	for _, d := range received.History {
		if d.Lang == "fr" && d.Text == old {
			from = d.FromYear
		}
	}
	const changed = "Plaintes enregistrées dans l'année, chacune avec un numéro unique, y compris celles reçues par les réseaux sociaux."
	if err := st.SetDefinition(ctx, domain.AuditEntry{Actor: "coord@example.be"}, "received", "fr", 2023, changed); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		years []int
		want  string
	}{
		{[]int{2022, 2023}, fmt.Sprintf("%d–2022: %s\n2023–: %s", from, old, changed)},
		{[]int{2023}, changed},
		{[]int{2022}, old},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.years), func(t *testing.T) {
			f := openXLSX(t, writeXLSX(t, x, Request{Years: tt.years, Indicators: []string{"received"}, Lang: "fr"}))
			rows, err := f.GetRows(sheetsByLang["fr"].definitions)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				if len(row) > 1 && row[0] == "received" {
					if _, text, _ := strings.Cut(row[1], "\n"); text != tt.want {
						t.Errorf("definition of received for %v:\n%q\nwant\n%q", tt.years, text, tt.want)
					}
					return
				}
			}
			t.Errorf("no row for received in %q", rows)
		})
	}
}
