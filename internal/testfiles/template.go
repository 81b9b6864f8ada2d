package testfiles

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tealeg/xlsx/v3"
)

// Figure is one (indicator, breakdown) of a year's template.
type Figure struct{ Indicator, Breakdown string }

// TemplateFigures is a year of figures for every line of the template that
// the consistency rules accept without a warning: counts, and decimal days.
func TemplateFigures() map[Figure]float64 {
	return map[Figure]float64{
		{"received", ""}: 120, {"information_requests", ""}: 7, {"admissible", ""}: 90, {"inadmissible", ""}: 30,
		{"closed", ""}: 80, {"founded", ""}: 25, {"partly_founded", ""}: 15, {"unfounded", ""}: 40,
		{"open_end_of_year", ""}: 10, {"ack_on_time", ""}: 85, {"closed_on_time", ""}: 70, {"avg_days", ""}: 17.25,
		{"second_line", ""}: 3, {"suggestions", ""}: 4, {"compliments", ""}: 9, {"improvement_actions", ""}: 6,
		{"criteria_met", ""}: 12, {"activity_volume", ""}: 250000, {"median_days", ""}: 12.5,
		{"by_channel", "email"}: 50, {"by_channel", "webform"}: 30, {"by_channel", "letter"}: 20, {"by_channel", "phone"}: 10,
		{"by_channel", "counter"}: 5, {"by_channel", "fax"}: 0, {"by_channel", "other"}: 5,
		{"by_language", "nl"}: 60, {"by_language", "fr"}: 50, {"by_language", "de"}: 2, {"by_language", "en"}: 5, {"by_language", "other"}: 3,
		{"founded_by_type", "attitude"}: 10, {"founded_by_type", "quality"}: 12, {"founded_by_type", "procedure"}: 8, {"founded_by_type", "complaint_handling"}: 10,
		{"by_processing_time", "d0_20"}: 40, {"by_processing_time", "d21_45"}: 25, {"by_processing_time", "d46_90"}: 10, {"by_processing_time", "d91_plus"}: 5,
	}
}

// FillTemplate types values into a year's template (package yeartemplate)
// with tealeg/xlsx, a library other than the one that wrote it, as a
// person's spreadsheet would: the value of each line, found by the
// indicator and breakdown codes of columns C and D under headerRow (1-based),
// goes into valueColumn (0-based). A line without a value in values is an
// error, so that a template that grows a line is noticed; nil values saves
// the template as it is.
func FillTemplate(data []byte, sheet string, headerRow, valueColumn int, values map[Figure]float64) ([]byte, error) {
	f, err := xlsx.OpenBinary(data)
	if err != nil {
		return nil, err
	}
	sh, ok := f.Sheet[sheet]
	if !ok {
		return nil, fmt.Errorf("no sheet %q", sheet)
	}
	for r := headerRow; r < sh.MaxRow; r++ {
		ind, err := sh.Cell(r, 2)
		if err != nil {
			return nil, err
		}
		if values == nil || strings.TrimSpace(ind.Value) == "" {
			continue
		}
		bd, err := sh.Cell(r, 3)
		if err != nil {
			return nil, err
		}
		v, ok := values[Figure{ind.Value, bd.Value}]
		if !ok {
			return nil, fmt.Errorf("row %d: no value for %s %s", r+1, ind.Value, bd.Value)
		}
		cell, err := sh.Cell(r, valueColumn)
		if err != nil {
			return nil, err
		}
		if v == float64(int(v)) {
			cell.SetInt(int(v))
		} else {
			cell.SetFloat(v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
