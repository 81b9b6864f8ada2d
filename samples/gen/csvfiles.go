package main

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// text builds a delimited text file line by line.
type text struct {
	sep     string
	newline string
	b       strings.Builder
}

func newText(sep, newline string) *text { return &text{sep: sep, newline: newline} }

// row writes one line, quoting the fields that need it as spreadsheets do.
func (t *text) row(fields ...string) {
	for i, f := range fields {
		if i > 0 {
			t.b.WriteString(t.sep)
		}
		if strings.ContainsAny(f, t.sep+"\"\r\n") || strings.HasPrefix(f, " ") {
			f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
		}
		t.b.WriteString(f)
	}
	t.b.WriteString(t.newline)
}

func (t *text) String() string { return t.b.String() }

// longCodes writes the network's own template: one value per line, codes
// only, comma separated, UTF-8. A non-empty note adds a free-text comment
// column, filled on the first line only.
func longCodes(b *book, recs []record, note string) ([]byte, error) {
	t := newText(",", "\n")
	header := []string{"organisation", "year", "indicator", "breakdown", "value"}
	if note != "" {
		header = append(header, "comment")
	}
	t.row(header...)
	first := true
	for _, r := range recs {
		for _, k := range b.sorted(r.figs) {
			fields := []string{r.org, strconv.Itoa(r.year), k.indicator, k.breakdown, plain(r.figs[k])}
			if note != "" {
				comment := ""
				if first {
					comment = note
				}
				fields = append(fields, comment)
			}
			first = false
			t.row(fields...)
		}
	}
	return []byte(t.String()), nil
}

// dutchLong describes an export from a Dutch-language spreadsheet saved as
// "CSV (puntkomma)" by Excel on Windows.
type dutchLong struct {
	relabel map[string]string // indicator code -> label as typed in this file
	remarks map[key]string    // free text in an "Opmerking" column
}

// write produces ';'-separated Windows-1252 text with CRLF line ends,
// Dutch headers and labels, decimal commas and '.' between thousands.
func (d dutchLong) write(b *book, recs []record) ([]byte, error) {
	t := newText(";", "\r\n")
	header := []string{"Organisatie", "Jaar", "Indicator", "Uitsplitsing", "Waarde"}
	if d.remarks != nil {
		header = append(header, "Opmerking")
	}
	t.row(header...)
	for _, r := range recs {
		for _, k := range b.sorted(r.figs) {
			label, ok := d.relabel[k.indicator]
			if !ok {
				label = b.indicatorLabel(k.indicator, "nl")
			}
			breakdown := ""
			if k.breakdown != "" {
				breakdown = b.valueLabel(k, "nl")
			}
			fields := []string{b.orgName(r.org, "nl"), strconv.Itoa(r.year), label, breakdown, localised(r.figs[k], ".")}
			if d.remarks != nil {
				fields = append(fields, d.remarks[k])
			}
			t.row(fields...)
		}
	}
	out, err := charmap.Windows1252.NewEncoder().String(t.String())
	if err != nil {
		return nil, fmt.Errorf("encode Windows-1252: %w", err)
	}
	return []byte(out), nil
}

// frenchWide describes a French-language sheet kept by hand, one row per
// year, saved by Excel as "CSV UTF-8".
type frenchWide struct {
	title string
}

// notSummed are the columns a totals row leaves empty: summing them means
// nothing.
var notSummed = map[string]bool{"avg_days": true, "criteria_met": true}

// write produces a BOM, a title line, ';'-separated French headers with
// "Canal - E-mail" columns, decimal commas, thousands grouped by a space, a
// blank line and a totals row.
func (w frenchWide) write(b *book, recs []record) ([]byte, error) {
	t := newText(";", "\r\n")
	keys := b.keys(recs)
	width := 2 + len(keys)
	t.row(append([]string{w.title}, make([]string, width-1)...)...)
	header := []string{"Organisation", "Année"}
	for _, k := range keys {
		header = append(header, b.label(k, "fr", byWord))
	}
	t.row(header...)
	totals := make([]float64, len(keys))
	for _, r := range recs {
		fields := []string{b.orgName(r.org, "fr"), strconv.Itoa(r.year)}
		for i, k := range keys {
			v, ok := r.figs[k]
			if !ok {
				fields = append(fields, "")
				continue
			}
			totals[i] += v
			fields = append(fields, localised(v, " "))
		}
		t.row(fields...)
	}
	t.row()
	total := []string{"Total", ""}
	for i, k := range keys {
		cell := ""
		if !notSummed[k.indicator] {
			cell = localised(totals[i], " ")
		}
		total = append(total, cell)
	}
	t.row(total...)
	return append([]byte("\uFEFF"), t.String()...), nil
}

// codesWide writes a ticketing tool's export: tab separated, code headers
// with "by_channel:email" columns, one row per organisation-year, decimal
// point and a comma between thousands.
func codesWide(b *book, recs []record) ([]byte, error) {
	t := newText("\t", "\n")
	keys := b.keys(recs)
	header := []string{"organisation", "year"}
	for _, k := range keys {
		h := k.indicator
		if k.breakdown != "" {
			h += ":" + k.breakdown
		}
		header = append(header, h)
	}
	t.row(header...)
	for _, r := range recs {
		fields := []string{r.org, strconv.Itoa(r.year)}
		for _, k := range keys {
			cell := ""
			if v, ok := r.figs[k]; ok {
				cell = grouped(v)
			}
			fields = append(fields, cell)
		}
		t.row(fields...)
	}
	return []byte(t.String()), nil
}
