package extract

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"strings"
	"testing"
)

func writeCSV(t *testing.T, x *Extractor, r Request) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := x.WriteCSV(context.Background(), &buf, r); err != nil {
		t.Fatalf("WriteCSV(%+v): %v", r, err)
	}
	return buf.Bytes()
}

func TestCSVGolden(t *testing.T) {
	x, _ := newFixture(t)
	tests := []struct {
		golden string
		req    Request
	}{
		{"long_en.csv", Request{}},
		{"long_fr.csv", Request{Lang: "fr"}},
		{"wide_nl.csv", Request{Lang: "nl", Layout: "wide"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			checkGolden(t, tt.golden, string(writeCSV(t, x, tt.req)))
		})
	}
}

// What Excel in Belgium opens correctly: a BOM, then ";" and a decimal
// comma for Dutch and French, "," and a decimal point for English.
func TestCSVDialect(t *testing.T) {
	x, _ := newFixture(t)
	tests := []struct {
		lang    string
		comma   rune
		avgDays string // FIN 2022 avg_days, 23.456
	}{
		{"nl", ';', "23,456"},
		{"fr", ';', "23,456"},
		{"en", ',', "23.456"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			data := writeCSV(t, x, Request{Lang: tt.lang, Indicators: []string{"avg_days"}, Years: []int{2022}})
			body, ok := bytes.CutPrefix(data, []byte("\xEF\xBB\xBF"))
			if !ok {
				t.Fatalf("no UTF-8 BOM: %q", data[:min(len(data), 8)])
			}
			cr := csv.NewReader(bytes.NewReader(body))
			cr.Comma = tt.comma
			records, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(records) != 2 {
				t.Fatalf("records = %q, want the header and one row", records)
			}
			if got, want := strings.Join(records[0], "|"), strings.Join(longHeaders(tt.lang), "|"); got != want {
				t.Errorf("header = %s, want %s", got, want)
			}
			if got := records[1][7]; got != tt.avgDays {
				t.Errorf("value = %q, want %q", got, tt.avgDays)
			}
			if !bytes.HasSuffix(body, []byte("\r\n")) {
				t.Errorf("lines do not end in CRLF")
			}
		})
	}
}

// The filters reach the rows: every row matches, and a filter that
// matches nothing yields the header alone.
func TestCSVFilters(t *testing.T) {
	x, _ := newFixture(t)
	tests := []struct {
		name string
		req  Request
		want []string // organisation/year/indicator/breakdown of each row, in order
	}{
		{"one organisation", Request{Organisations: []string{"JUST"}},
			[]string{"JUST/2023/received/", "JUST/2023/by_language/nl", "JUST/2023/by_language/fr"}},
		{"year and indicators", Request{Years: []int{2023}, Indicators: []string{"avg_days", "received"}},
			[]string{"FIN/2023/received/", "FIN/2023/avg_days/", "JUST/2023/received/"}},
		{"breakdown indicator", Request{Indicators: []string{"by_channel"}},
			[]string{"FIN/2022/by_channel/email", "FIN/2022/by_channel/letter"}},
		{"nothing matches", Request{Years: []int{2019}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := writeCSV(t, x, tt.req)
			records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, rec := range records[1:] {
				got = append(got, strings.Join([]string{rec[0], rec[2], rec[3], rec[5]}, "/"))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("rows = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCSVNumber(t *testing.T) {
	tests := []struct {
		v       float64
		decimal string
		want    string
	}{
		{1234567, ",", "1234567"},
		{23.456, ",", "23,456"},
		{math.Nextafter(0.3, 1), ".", "0.30000000000000004"}, // every digit kept: it must read back exactly
		{1e21, ".", "1000000000000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := csvNumber(tt.v, tt.decimal); got != tt.want {
				t.Errorf("csvNumber(%v, %q) = %q, want %q", tt.v, tt.decimal, got, tt.want)
			}
		})
	}
}
