package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/reference"
)

// committed is the samples directory as checked in, seen from this package.
const committed = ".."

// TestCommittedFilesAreGenerated regenerates the samples and requires the
// committed files to be byte-identical, so the generator and the files
// cannot drift apart.
func TestCommittedFilesAreGenerated(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	fresh := fileNames(t, filepath.Join(dir, "exports"))
	stored := fileNames(t, filepath.Join(committed, "exports"))
	if !slices.Equal(fresh, stored) {
		t.Fatalf("samples/exports holds %q, the generator writes %q: run go run ./samples/gen", stored, fresh)
	}
	names := append([]string{"expected.csv"}, prefixed("exports", fresh)...)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want := readFile(t, filepath.Join(dir, name))
			got := readFile(t, filepath.Join(committed, name))
			if !bytes.Equal(got, want) {
				t.Errorf("samples/%s differs from what the generator writes: run go run ./samples/gen", name)
			}
		})
	}
}

// TestGeneratorIsDeterministic guards the premise of the test above: two
// runs write the same bytes, XLSX included.
func TestGeneratorIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := run(dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range prefixed("exports", fileNames(t, filepath.Join(a, "exports"))) {
		if !bytes.Equal(readFile(t, filepath.Join(a, name)), readFile(t, filepath.Join(b, name))) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestDialects checks that each file really has the traits samples/README.md
// promises the importer.
func TestDialects(t *testing.T) {
	bom := []byte("\uFEFF")
	tests := []struct {
		file      string
		bom, crlf bool
		utf8      bool
		header    string // first line (after any BOM) starts with this
		contains  []string
	}{
		{"BOSA_complaints_2019.csv", false, false, true, "organisation,year,indicator,breakdown,value", []string{"avg_days,,"}},
		{"FIN_klachten_2023.csv", false, true, false, "Organisatie;Jaar;Indicator;Uitsplitsing;Waarde", []string{"FOD Financi\xEBn;", ";Klachten per kanaal;E-mail;", "ontvangen klachten;;1.", "  klachten;", "(OP 14)"}},
		{"RJV - klachtenindicatoren 2021.csv", false, true, false, "Organisatie;Jaar;Indicator;Uitsplitsing;Waarde;Opmerking", []string{"co\xF6rdinator", " \x97 "}},
		{"SFP_indicateurs_plaintes_2019-2025.csv", true, true, true, "Service fédéral des Pensions — indicateurs", []string{"\r\nOrganisation;Année;Plaintes reçues;", ";Canal - E-mail;", ";Langue - Néerlandais;", ";Type - Gestion des plaintes;", "\r\n\r\nTotal;;"}},
		{"POL_export_klachten-plaintes_2019-2025.csv", false, false, true, "organisation\tyear\treceived\t", []string{"\tby_channel:email\t", "\tby_language:nl\t"}},
		{"KSZ-BCSS klachten-plaintes 2019.csv", false, false, true, "organisation,year,indicator,breakdown,value,comment", []string{`"Counted by hand`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readFile(t, filepath.Join(committed, "exports", tt.file))
			if got := bytes.HasPrefix(data, bom); got != tt.bom {
				t.Errorf("BOM = %v, want %v", got, tt.bom)
			}
			data = bytes.TrimPrefix(data, bom)
			if got := bytes.Count(data, []byte("\r\n")) == bytes.Count(data, []byte("\n")); got != tt.crlf {
				t.Errorf("all line ends CRLF = %v, want %v", got, tt.crlf)
			}
			if got := utf8.Valid(data); got != tt.utf8 {
				t.Errorf("valid UTF-8 = %v, want %v", got, tt.utf8)
			}
			if !bytes.HasPrefix(data, []byte(tt.header)) {
				t.Errorf("starts %q, want %q", firstLine(data), tt.header)
			}
			for _, s := range tt.contains {
				if !bytes.Contains(data, []byte(s)) {
					t.Errorf("does not contain %q", s)
				}
			}
		})
	}
}

// TestWorkbooks checks the traits of the XLSX samples that a reader must
// cope with: where the data sheet is, merged cells, numbers stored as text,
// and formulas whose cached value is what a reader gets.
func TestWorkbooks(t *testing.T) {
	tests := []struct {
		file     string
		sheets   []string
		merged   []string          // cells covered by a merge, top-left first
		cells    map[string]string // sheet!cell -> the text a reader gets
		text     []string          // sheet!cell holding a number stored as text
		formulas int               // formula cells in the workbook
	}{
		{"jaarverslag_klachten_FOD_Justitie.xlsx", []string{"Toelichting", "Indicatoren"}, []string{"A1:H1"},
			map[string]string{"Indicatoren!A1": "FOD Justitie — Klachtenmanagement", "Indicatoren!A2": "", "Indicatoren!B3": "2019", "Indicatoren!A17": "Kanaal - E-mail"},
			[]string{"Indicatoren!B4"}, 3},
		{"ONEM_rapport_annuel_plaintes.xlsx", []string{"Notes", "Indicateurs"}, []string{"A1:H1"},
			map[string]string{"Indicateurs!A1": "Office national de l'Emploi — Gestion des plaintes", "Indicateurs!A17": "Plaintes par canal - E-mail"},
			[]string{"Indicateurs!B5"}, 7},
		{"SPF Mobilité et Transports - indicateurs plaintes.xlsx", []string{"Feuil1"}, nil,
			map[string]string{"Feuil1!A1": "", "Feuil1!B1": "2019", "Feuil1!A2": "Plaintes recues", "Feuil1!C2": ""}, nil, 0},
		{"RSZ_indicatoren_2019-2025.xlsx", []string{"Indicatoren"}, []string{"A1:AD1", "A2:AD2", "A4:A5", "B4:B5", "O4:R4", "S4:U4", "V4:Y4", "Z4:Z5"},
			map[string]string{"Indicatoren!A4": "Jaar", "Indicatoren!O4": "Kanaal", "Indicatoren!O5": "E-mail", "Indicatoren!S4": "Taal", "Indicatoren!V4": "Gegronde klachten per type", "Indicatoren!A6": "2019"}, nil, 0},
		{"Defensie_klachten_2019-2025.xlsx", []string{"Klachten"}, []string{"A1:AF1"},
			map[string]string{"Klachten!A3": "Organisatie", "Klachten!P3": "Klachten per kanaal - E-mail", "Klachten!T3": "Taal - Nederlands", "Klachten!A4": "Defensie"}, nil, 0},
		{"SPF Intérieur - plaintes 2019-2025.xlsx", []string{"Lisez-moi", "Données"}, nil,
			map[string]string{"Données!A1": "Organisation", "Données!E1": "Valeur", "Données!A2": "SPF Intérieur"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := excelize.OpenFile(filepath.Join(committed, "exports", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, tt.sheets) {
				t.Fatalf("sheets = %q, want %q", got, tt.sheets)
			}
			var merged []string
			for _, sheet := range tt.sheets {
				cells, err := f.GetMergeCells(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range cells {
					merged = append(merged, m.GetStartAxis()+":"+m.GetEndAxis())
				}
			}
			for _, m := range tt.merged {
				if !slices.Contains(merged, m) {
					t.Errorf("no merged range %s among %q", m, merged)
				}
			}
			for ref, want := range tt.cells {
				sheet, c, _ := strings.Cut(ref, "!")
				if got, err := f.GetCellValue(sheet, c); err != nil || got != want {
					t.Errorf("%s = %q, want %q (%v)", ref, got, want, err)
				}
			}
			for _, ref := range tt.text {
				sheet, c, _ := strings.Cut(ref, "!")
				typ, err := f.GetCellType(sheet, c)
				if err != nil {
					t.Fatal(err)
				}
				v, _ := f.GetCellValue(sheet, c)
				if _, err := strconv.ParseFloat(v, 64); typ != excelize.CellTypeSharedString || err != nil {
					t.Errorf("%s = %q of type %v, want a number stored as text", ref, v, typ)
				}
			}
			if got := checkFormulas(t, f); got != tt.formulas {
				t.Errorf("%d formula cells, want %d", got, tt.formulas)
			}
		})
	}
}

// checkFormulas requires every formula cell's cached value, which a reader
// gets, to be what the formula computes, and returns how many there are.
func checkFormulas(t *testing.T, f *excelize.File) int {
	t.Helper()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, cells := range rows {
			for c := range cells {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, ref)
				if err != nil || formula == "" {
					continue
				}
				n++
				cached, _ := f.GetCellValue(sheet, ref)
				computed, err := f.CalcCellValue(sheet, ref)
				if err != nil {
					t.Fatalf("%s!%s: %v", sheet, ref, err)
				}
				if cached == "" || cached != computed {
					t.Errorf("%s!%s =%s caches %q, computes %q", sheet, ref, formula, cached, computed)
				}
			}
		}
	}
	return n
}

// TestExpectedFollowsTheRules reads expected.csv on its own and checks every
// consistency rule of the network, its format, and that the samples show
// the situations the dashboards must display (gaps, a late starter, a
// growing network of realistic size).
func TestExpectedFollowsTheRules(t *testing.T) {
	cat, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(readFile(t, filepath.Join(committed, "expected.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "organisation,year,indicator,breakdown,value" {
		t.Fatalf("header = %q", got)
	}
	type orgYear struct {
		org  string
		year int
	}
	// values holds plain indicators by code and the sum of a split
	// indicator's parts by its code.
	values := map[orgYear]map[string]float64{}
	seen := map[string]bool{}
	for i, rec := range rows[1:] {
		line := i + 2
		org, ind, bd := rec[0], rec[2], rec[3]
		year, err := strconv.Atoi(rec[1])
		if err != nil {
			t.Fatalf("line %d: year %q", line, rec[1])
		}
		v, err := strconv.ParseFloat(rec[4], 64)
		if err != nil || strconv.FormatFloat(v, 'f', -1, 64) != rec[4] {
			t.Errorf("line %d: value %q is not a plain decimal", line, rec[4])
		}
		if i > 0 && !sortedBefore(rows[i], rec) {
			t.Errorf("line %d: %q is not sorted after %q", line, rec, rows[i])
		}
		id := strings.Join(rec[:4], ",")
		if seen[id] {
			t.Errorf("line %d: %s twice", line, id)
		}
		seen[id] = true
		if _, ok := cat.Organisation(org); !ok {
			t.Errorf("line %d: unknown organisation %q", line, org)
		}
		in, ok := cat.Indicator(ind)
		if !ok {
			t.Fatalf("line %d: unknown indicator %q", line, ind)
		}
		if (in.Breakdown == "") != (bd == "") || bd != "" && cat.BreakdownLabel(in.Breakdown, bd, "en") == "" {
			t.Errorf("line %d: breakdown %q does not fit %s", line, bd, ind)
		}
		switch {
		case v < 0:
			t.Errorf("line %d: %s = %v is negative", line, ind, v)
		case in.Unit == "count" && v != math.Trunc(v):
			t.Errorf("line %d: %s = %v is not a whole number", line, ind, v)
		case ind == "avg_days" && len(decimals(rec[4])) > 2:
			t.Errorf("line %d: avg_days = %v has more than two decimals", line, v)
		case ind == "criteria_met" && v > 14:
			t.Errorf("line %d: criteria_met = %v exceeds 14", line, v)
		}
		k := orgYear{org, year}
		if values[k] == nil {
			values[k] = map[string]float64{}
		}
		values[k][ind] += v
	}

	rules := []struct {
		name  string
		terms []string
		holds func(v map[string]float64) bool
	}{
		{"admissible + inadmissible = received", []string{"admissible", "inadmissible", "received"},
			func(v map[string]float64) bool { return v["admissible"]+v["inadmissible"] == v["received"] }},
		{"founded + partly_founded + unfounded = closed", []string{"founded", "partly_founded", "unfounded", "closed"},
			func(v map[string]float64) bool { return v["founded"]+v["partly_founded"]+v["unfounded"] == v["closed"] }},
		{"closed <= admissible", []string{"closed", "admissible"},
			func(v map[string]float64) bool { return v["closed"] <= v["admissible"] }},
		{"closed + open_end_of_year = admissible", []string{"closed", "open_end_of_year", "admissible"},
			func(v map[string]float64) bool { return v["closed"]+v["open_end_of_year"] == v["admissible"] }},
		{"ack_on_time <= admissible", []string{"ack_on_time", "admissible"},
			func(v map[string]float64) bool { return v["ack_on_time"] <= v["admissible"] }},
		{"closed_on_time <= closed", []string{"closed_on_time", "closed"},
			func(v map[string]float64) bool { return v["closed_on_time"] <= v["closed"] }},
		{"by_channel parts = received", []string{"by_channel", "received"},
			func(v map[string]float64) bool { return v["by_channel"] == v["received"] }},
		{"by_language parts = received", []string{"by_language", "received"},
			func(v map[string]float64) bool { return v["by_language"] == v["received"] }},
		{"founded_by_type parts = founded + partly_founded", []string{"founded_by_type", "founded", "partly_founded"},
			func(v map[string]float64) bool { return v["founded_by_type"] == v["founded"]+v["partly_founded"] }},
	}
	for _, rule := range rules {
		t.Run(rule.name, func(t *testing.T) {
			checked := 0
			for k, v := range values {
				if !hasAll(v, rule.terms) {
					continue
				}
				checked++
				if !rule.holds(v) {
					t.Errorf("%s %d breaks it: %v", k.org, k.year, v)
				}
			}
			if checked == 0 {
				t.Error("no organisation-year carries its terms")
			}
		})
	}

	t.Run("coverage", func(t *testing.T) {
		years := map[string][]int{}
		received := map[int]float64{}
		for k, v := range values {
			years[k.org] = append(years[k.org], k.year)
			received[k.year] += v["received"]
		}
		if len(years) < 14 {
			t.Errorf("%d organisations, want at least 14", len(years))
		}
		full, gaps, late := 0, 0, 0
		for _, ys := range years {
			slices.Sort(ys)
			switch {
			case len(ys) == 7:
				full++
			case ys[0] == 2021 && ys[len(ys)-1] == 2025 && len(ys) == 5:
				late++
			case ys[0] == 2019 && ys[len(ys)-1] == 2025 && len(ys) == 6:
				gaps++
			}
		}
		if gaps < 2 || late < 1 || full+gaps+late != len(years) {
			t.Errorf("%d organisations report every year, %d miss one, %d start in 2021; want the rest complete, at least 2 gaps and 1 late start", full, gaps, late)
		}
		for y := 2019; y <= 2025; y++ {
			if received[y] < 9000 || received[y] > 23000 {
				t.Errorf("network received %v in %d, want 9,000-23,000", received[y], y)
			}
			if y > 2019 && received[y] <= received[y-1] {
				t.Errorf("network received %v in %d, not more than %v in %d", received[y], y, received[y-1], y-1)
			}
		}
	})
}

// TestSupersede checks the rule expected.csv is built by: the later file
// wins per indicator, its breakdown parts replacing all earlier parts.
func TestSupersede(t *testing.T) {
	first := record{org: "FIN", year: 2023, figs: figures{
		{"received", ""}: 10, {"avg_days", ""}: 3.5,
		{"by_channel", "email"}: 6, {"by_channel", "letter"}: 4,
	}}
	later := record{org: "FIN", year: 2023, figs: figures{
		{"received", ""}: 12, {"by_channel", "email"}: 12,
	}}
	got := supersede([]export{{name: "b.csv", recs: []record{later}}, {name: "a.csv", recs: []record{first}}})
	var lines []string
	for _, o := range got {
		lines = append(lines, o.Indicator+"/"+o.Breakdown+"="+plain(o.Value))
	}
	want := []string{"avg_days/=3.5", "by_channel/email=12", "received/=12"}
	if !slices.Equal(lines, want) {
		t.Errorf("got %q, want %q", lines, want)
	}
}

func TestNumberFormats(t *testing.T) {
	tests := []struct {
		v                       float64
		plain, dots, spaces, en string
	}{
		{7, "7", "7", "7", "7"},
		{1234, "1234", "1.234", "1 234", "1,234"},
		{1234567, "1234567", "1.234.567", "1 234 567", "1,234,567"},
		{23.4, "23.4", "23,4", "23,4", "23.4"},
		{21.39, "21.39", "21,39", "21,39", "21.39"},
	}
	for _, tt := range tests {
		t.Run(tt.plain, func(t *testing.T) {
			got := []string{plain(tt.v), localised(tt.v, "."), localised(tt.v, " "), grouped(tt.v)}
			want := []string{tt.plain, tt.dots, tt.spaces, tt.en}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// decimals returns the digits after the decimal point of a plain number.
func decimals(s string) string {
	_, frac, _ := strings.Cut(s, ".")
	return frac
}

func hasAll(v map[string]float64, terms []string) bool {
	for _, term := range terms {
		if _, ok := v[term]; !ok {
			return false
		}
	}
	return true
}

// sortedBefore orders expected.csv lines by organisation, year (as a
// number), indicator and breakdown.
func sortedBefore(a, b []string) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	if a[1] != b[1] {
		ya, _ := strconv.Atoi(a[1])
		yb, _ := strconv.Atoi(b[1])
		return ya < yb
	}
	if a[2] != b[2] {
		return a[2] < b[2]
	}
	return a[3] < b[3]
}

func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func prefixed(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func firstLine(data []byte) string {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return string(line)
}
