package figures

import (
	"net/url"
	"strconv"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/rates"
)

// Table is an accessible HTML table: a header row, then rows whose first
// cell is a row header (optionally a link).
type Table struct {
	Head []string
	Rows []Row
}

// Row is one row of a Table.
type Row struct {
	Label string
	Link  string
	Cells []string
	Note  bool // a reference row (median, total), set apart visually
	// Class marks the whole row (small-n: a value on too few cases, greyed);
	// Classes marks single cells by index (target-met, target-close, target-missed).
	Class   string
	Classes map[int]string
}

// Query is the filter of the extract behind a chart: the same years,
// administrations and indicators.
type Query struct {
	Years         []int
	Organisations []string
	Indicators    []string
	Rates         []string // derived rates: the XLSX gets their sheet
}

// Links returns the CSV and XLSX extract URLs for q in lang.
func (q Query) Links(lang string) (csv, xlsx string) {
	v := url.Values{}
	for _, y := range q.Years {
		v.Add("year", strconv.Itoa(y))
	}
	for _, o := range q.Organisations {
		v.Add("organisation", o)
	}
	for _, in := range q.Indicators {
		v.Add("indicator", in)
	}
	v.Set("lang", lang)
	csv = "/extract.csv?" + v.Encode()
	for _, r := range q.Rates {
		v.Add("rate", r)
	}
	return csv, "/extract.xlsx?" + v.Encode()
}

// OrgLink names an administration with the code of its profile.
type OrgLink struct {
	Code string
	Name string
}

// RowOf lays out values as a row, each formatted in unit; note sets it
// apart as a reference row.
func RowOf(pr *locale.Printer, label string, values []float64, unit string, note bool) Row {
	row := Row{Label: label, Note: note}
	for _, v := range values {
		row.Cells = append(row.Cells, pr.Value(v, unit))
	}
	return row
}

// SeriesTable lays out line series as rows over the labels (years); codes,
// when given, link the first len(codes) rows to their profiles.
func SeriesTable(pr *locale.Printer, labels []string, lines []dashboards.Series, codes []string, unit string) Table {
	t := Table{Head: append([]string{""}, labels...)}
	for i, ser := range lines {
		row := Row{Label: ser.Name, Note: ser.Reference}
		if i < len(codes) {
			row.Link = "/organisations/" + codes[i]
		}
		for _, v := range ser.Values {
			row.Cells = append(row.Cells, pr.Value(v, unit))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// MarkSmall adds the n to the cells of the years whose rate rests on too
// few cases, and greys them.
func MarkSmall(pr *locale.Printer, row *Row, m Measure, years []int, settings rates.Settings, values func(int) map[string]float64) {
	for i, y := range years {
		r := m.Result(values(y), settings.SmallN)
		if r.SmallN {
			row.Cells[i] = rates.WithN(pr, row.Cells[i], r.Denominator)
			if row.Classes == nil {
				row.Classes = map[int]string{}
			}
			row.Classes[i] = "small-n"
		}
	}
}

// Targets is the table of the rates with a target: the latest year
// the administration has each, its value, the target and the state.
func Targets(pr *locale.Printer, years []int, settings rates.Settings, values func(int) map[string]float64) Table {
	t := Table{Head: []string{pr.T("filter.indicator"), pr.T("table.year"), pr.T("fair.value"), pr.T("fair.target"), pr.T("fair.target_state")}}
	for _, m := range Derived {
		for i := len(years) - 1; i >= 0; i-- {
			y := years[i]
			tgt, ok := settings.TargetFor(m.Code, y)
			res := m.Result(values(y), settings.SmallN)
			if !ok || !res.OK() {
				continue
			}
			value := pr.Value(res.Value, string(m.Unit))
			row := Row{Label: pr.T("measure." + m.Code), Cells: []string{strconv.Itoa(y), value, tgt.Text(pr, string(m.Unit))}}
			if res.SmallN {
				row.Cells[1] = rates.WithN(pr, value, res.Denominator)
				row.Class = "small-n"
			}
			text, class := rates.StateText(pr, settings.StateOf(m.Code, y, res))
			row.Cells = append(row.Cells, text)
			row.Classes = map[int]string{3: class}
			t.Rows = append(t.Rows, row)
			break
		}
	}
	return t
}

// BandName reads a size band.
func BandName(pr *locale.Printer, band string) string {
	if band == "" {
		return "–"
	}
	return pr.T("fair.band." + band)
}

// ActivityUnit names what an administration's activity volume counts.
func ActivityUnit(pr *locale.Printer, st rates.Settings, org string) string {
	if u := st.Units[org]; u != "" {
		return pr.T("fair.unit." + u)
	}
	return pr.T("fair.unit_unknown")
}
