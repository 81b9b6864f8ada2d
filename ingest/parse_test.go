package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

func mustParser(tb testing.TB) *Parser {
	tb.Helper()
	ref, err := reference.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return NewParser(ref)
}

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// key is "ORG/YEAR/indicator[:breakdown]".
func obsKey(o domain.Observation) string {
	k := o.Organisation + "/" + itoa(o.Year) + "/" + o.Indicator
	if o.Breakdown != "" {
		k += ":" + o.Breakdown
	}
	return k
}

func itoa(n int) string { return formatValue(float64(n)) }

func TestParseShapes(t *testing.T) {
	p := mustParser(t)
	tests := []struct {
		file     string
		opts     Options
		layout   string
		count    int
		values   map[string]float64
		warnings []string
	}{
		{file: "long_en.csv", layout: LayoutLong, count: 6, values: map[string]float64{
			"FIN/2023/received": 120, "FIN/2023/avg_days": 23.45, "FIN/2023/by_channel:letter": 50}},
		{file: "long_nl_1252.csv", layout: LayoutLong, count: 6, values: map[string]float64{
			// Windows-1252 name, decimal comma, "1.234" is a thousand.
			"FIN/2022/received": 1234, "FIN/2022/inadmissible": 34, "FIN/2022/avg_days": 23.4, "FIN/2022/by_channel:email": 1000}},
		{file: "wide_fr_bom.csv", layout: LayoutWide, count: 13, values: map[string]float64{
			"JUST/2021/received": 1234, "JUST/2021/admissible": 1000, "JUST/2021/by_channel:letter": 34,
			"JUST/2021/founded_by_type:complaint_handling": 5, "JUST/2021/avg_days": 12.5, "JUST/2022/received": 900},
			warnings: []string{"row 7: totals row skipped"}},
		{file: "wide_codes_RIZIV_2024.tsv", layout: LayoutWide, count: 5, values: map[string]float64{
			"RIZIV/2024/received": 300, "RIZIV/2024/by_channel:phone": 100},
			warnings: []string{"column F (% admissible): “% admissible”: column ignored: a derived rate"}},
		{file: "report_nl_FOD_Justitie.xlsx", layout: LayoutReport, count: 12, values: map[string]float64{
			"JUST/2023/received": 500, "JUST/2024/received": 1250, "JUST/2024/inadmissible": 250,
			"JUST/2023/by_channel:email": 300, "JUST/2024/by_channel:letter": 350,
			"JUST/2023/avg_days": 21.5, "JUST/2024/avg_days": 19.25},
			warnings: []string{"sheet Cijfers, row 11, column A: “Totaal”: totals row skipped"}},
		{file: "wide_twolevel.xlsx", layout: LayoutWide, count: 10, values: map[string]float64{
			"RSZ/2022/received": 80, "RSZ/2022/by_channel:letter": 30, "RSZ/2023/by_language:fr": 20}},
		{file: "long_fr_second_sheet.xlsx", layout: LayoutLong, count: 4, values: map[string]float64{
			"RVA/2024/received": 40, "RVA/2024/by_language:nl": 25, "RVA/2024/avg_days": 12.75}},
		// Excel's "Unicode text": UTF-16LE with BOM, tab separated, no-break space as thousands separator.
		{file: "long_fr_utf16_excel_unicode.txt", layout: LayoutLong, count: 1, values: map[string]float64{"RSZ/2024/received": 1234}},
		{file: "data_and_definitions.xlsx", layout: LayoutLong, count: 1, values: map[string]float64{"FIN/2024/received": 12}},
		{file: "bad_no_org.csv", opts: Options{Organisation: "FIN"}, layout: LayoutReport, count: 2, values: map[string]float64{
			"FIN/2022/received": 10, "FIN/2023/received": 11}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := p.Parse(tt.file, readFixture(t, tt.file), tt.opts)
			for _, pr := range res.Problems {
				t.Log(pr.Severity, pr)
			}
			if !res.Accepted() {
				t.Fatalf("refused: %d errors", res.Count(domain.SeverityError))
			}
			if res.Layout != tt.layout {
				t.Errorf("layout = %s, want %s", res.Layout, tt.layout)
			}
			if len(res.Observations) != tt.count {
				t.Errorf("%d observations, want %d: %v", len(res.Observations), tt.count, res.Observations)
			}
			got := map[string]float64{}
			for _, o := range res.Observations {
				got[obsKey(o)] = o.Value
			}
			for k, want := range tt.values {
				if v, ok := got[k]; !ok || v != want {
					t.Errorf("%s = %v (present %v), want %v", k, v, ok, want)
				}
			}
			if len(res.Places) != len(res.Observations) {
				t.Errorf("%d places for %d observations", len(res.Places), len(res.Observations))
			}
			assertProblems(t, res, domain.SeverityWarning, tt.warnings)
		})
	}
}

func assertProblems(t *testing.T, res *Result, sev domain.Severity, want []string) {
	t.Helper()
	var got []string
	for _, pr := range res.Problems {
		if pr.Severity == sev {
			got = append(got, pr.String())
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d %ss, want %d:\n%s", len(got), sev, len(want), strings.Join(got, "\n"))
		return
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("%s %d = %q, want it to contain %q", sev, i, got[i], want[i])
		}
	}
}

func TestParseBadInput(t *testing.T) {
	p := mustParser(t)
	tests := []struct {
		file   string
		opts   Options
		errors []string
	}{
		{file: "empty.csv", errors: []string{"empty.csv: the file is empty"}},
		{file: "bad_no_table.csv", errors: []string{"no table found"}},
		{file: "bad_no_org.csv", errors: []string{"no organisation: expected an organisation column, a title line"}},
		{file: "bad_unknown_org.csv", errors: []string{
			`bad_unknown_org.csv, row 4, column A (organisation): “XYZ”: unknown organisation`}},
		{file: "bad_unknown_indicator.csv", errors: []string{
			`row 3, column C (indicator): “Ontvange klachten”: unknown indicator: expected an indicator code or label (nearest known: Ontvangen klachten (received))`,
			`row 4, column D (breakdown): “pigeon”: unknown channel value for by_channel`}},
		{file: "bad_values.csv", errors: []string{
			`row 2, column D (Waarde): “veel”: is not a number for received: expected a whole number ≥ 0`,
			`row 3, column D (Waarde): “-5”: negative admissible`,
			`row 4, column D (Waarde): “15”: more than 14 criteria: expected a whole number from 0 to 14`,
			`row 5, column D (Waarde): “12,5”: closed is a count but has decimals`,
			`row 6, column D (Waarde): “45%”: is a percentage`}},
		{file: "bad_duplicate.csv", errors: []string{
			`row 4, column E (value): “121”: duplicate value for FIN 2023 received: already given at row 2, column E`,
			`row 6, column E (value): “99”: duplicate value for FIN 2023 admissible: already given at row 3, column E`}},
		{file: "long_en.csv", opts: Options{Organisation: "RSZ"}, errors: nil},
		{file: "report_nl_FOD_Justitie.xlsx", opts: Options{Organisation: "RSZ"}, errors: []string{
			`the organisation given (RSZ) differs from the title line “FOD Justitie — Klachtenmanagement”, which names JUST`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := p.Parse(tt.file, readFixture(t, tt.file), tt.opts)
			if len(tt.errors) > 0 && res.Accepted() {
				t.Fatal("accepted, want refused")
			}
			assertProblems(t, res, domain.SeverityError, tt.errors)
		})
	}
}
