// Package longgen writes the long-layout files (organisation, year,
// indicator, breakdown, value) the import benchmarks read: consistent
// synthetic observations for every organisation of the catalogue, as a plain
// CSV, as a CSV shaped as administrations export it, or as an XLSX. The
// benchmarks of internal/importer and `make bench-import` (cmd/genlong) use
// it.
package longgen

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// The years of the long-CSV benchmarks (BenchmarkImportCSV100k and
// `make bench-import`): every year a file may bring (domain.FirstYear to
// domain.LastYear), 86,658 observations with the catalogue as it is (the
// years 1901–2017 of the measures up to issue 23 gave 100,386).
const (
	CSVFrom = 2000
	CSVTo   = 2100
)

// Observations makes the full set of consistent indicators (33 values)
// for every organisation of the catalogue and each year in [from, to]. The
// same arguments give the same observations.
func Observations(ref *reference.Catalogue, from, to int) []domain.Observation {
	rng := rand.New(rand.NewPCG(7, 11))
	var out []domain.Observation
	for _, org := range ref.Organisations {
		for y := from; y <= to; y++ {
			add := func(ind, bd string, v int) {
				out = append(out, domain.Observation{Organisation: org.Code, Year: y, Indicator: ind, Breakdown: bd, Value: float64(v)})
			}
			received := 50 + rng.IntN(2000)
			admissible := received * (60 + rng.IntN(30)) / 100
			closed := admissible * (80 + rng.IntN(20)) / 100
			founded := closed / 4
			partly := closed / 8
			add("received", "", received)
			add("information_requests", "", rng.IntN(100))
			add("admissible", "", admissible)
			add("inadmissible", "", received-admissible)
			add("closed", "", closed)
			add("founded", "", founded)
			add("partly_founded", "", partly)
			add("unfounded", "", closed-founded-partly)
			add("open_end_of_year", "", admissible-closed)
			add("ack_on_time", "", admissible*9/10)
			add("closed_on_time", "", closed*8/10)
			out = append(out, domain.Observation{Organisation: org.Code, Year: y, Indicator: "avg_days", Value: float64(100+rng.IntN(400)) / 10})
			add("second_line", "", rng.IntN(20))
			add("suggestions", "", rng.IntN(30))
			add("compliments", "", rng.IntN(30))
			add("improvement_actions", "", rng.IntN(10))
			add("criteria_met", "", 8+rng.IntN(7))
			split(received, []string{"email", "webform", "letter", "phone", "counter", "fax", "other"}, func(bd string, v int) { add("by_channel", bd, v) })
			split(received, []string{"nl", "fr", "de", "en", "other"}, func(bd string, v int) { add("by_language", bd, v) })
			split(founded+partly, []string{"attitude", "quality", "procedure", "complaint_handling"}, func(bd string, v int) { add("founded_by_type", bd, v) })
		}
	}
	return out
}

// split divides total over parts: halves for the first ones, the rest last.
func split(total int, parts []string, add func(string, int)) {
	left := total
	for i, p := range parts {
		v := left / 2
		if i == len(parts)-1 {
			v = left
		}
		add(p, v)
		left -= v
	}
}

// WriteCSV writes observations in the long layout as the generator's plain
// CSV: English header, codes, ',' between cells, LF, decimal point.
func WriteCSV(path string, obs []domain.Observation) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"organisation", "year", "indicator", "breakdown", "value"})
	for _, o := range obs {
		w.Write([]string{o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("longgen: write %s: %w", path, err)
	}
	return f.Close()
}

// AsExported is how WriteCSVAsExported shapes a file, as DuckDB's read_csv
// is told to read it (store.BaselineReadCSVAsExported); Path is left to the
// caller.
var AsExported = store.BaselineCSV{Delimiter: ";", Skip: 1, DateFormat: "%d/%m/%Y", Encoding: "latin-1", Decimal: ","}

// WriteCSVAsExported writes observations in the long layout as a French
// spreadsheet exports them: Windows-1252, CRLF, a title line, French
// headers and labels, administrations by name, ';' between cells, decimal
// comma and '.' between thousands, and a column of dates as dd/mm/yyyy.
// Its characters are all in Latin-1 too (no '—' or '’'), which DuckDB reads
// without the encodings extension.
func WriteCSVAsExported(path string, ref *reference.Catalogue, obs []domain.Observation) error {
	var sb strings.Builder
	sb.WriteString("Indicateurs de gestion des plaintes : extraction du 31/12/2024\r\n")
	sb.WriteString("Organisation;Année;Indicateur;Ventilation;Valeur;Mis à jour le\r\n")
	for _, o := range obs {
		org, _ := ref.Organisation(o.Organisation)
		in, _ := ref.Indicator(o.Indicator)
		breakdown := ""
		if o.Breakdown != "" {
			breakdown = ref.BreakdownLabel(in.Breakdown, o.Breakdown, "fr")
		}
		fmt.Fprintf(&sb, "%s;%d;%s;%s;%s;15/03/%d\r\n", org.Name.FR, o.Year, in.Label.FR, breakdown, frenchNumber(o.Value), o.Year+1)
	}
	data, err := charmap.Windows1252.NewEncoder().String(sb.String())
	if err != nil {
		return fmt.Errorf("longgen: encode %s: %w", path, err)
	}
	return os.WriteFile(path, []byte(data), 0o600)
}

// frenchNumber writes 1234 as "1.234" and 23.4 as "23,4".
func frenchNumber(v float64) string {
	if v != math.Trunc(v) {
		return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
	}
	digits := strconv.FormatFloat(v, 'f', 0, 64)
	var out []byte
	for i := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, digits[i])
	}
	return string(out)
}

// WriteXLSX writes observations in the long layout as a workbook of one
// sheet: English header, codes, numbers as number cells.
func WriteXLSX(path string, obs []domain.Observation) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"Organisation", "Year", "Indicator", "Breakdown", "Value"}); err != nil {
		return err
	}
	for i, o := range obs {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{o.Organisation, o.Year, o.Indicator, o.Breakdown, o.Value}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
