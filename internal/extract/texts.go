package extract

import "github.com/fcmn/infocentre/internal/locale"

// Positions in the long layout's headers, reused by the wide layout and the
// About sheet.
const (
	colOrganisation = 0
	colName         = 1
	colYear         = 2
	colIndicator    = 3
	colBreakdown    = 5
	colUnit         = 8
)

// longHeaderKeys are the column titles of the long layout. The importer
// recognises the code columns (organisation, year, indicator, breakdown,
// value) by their names in every language and ignores the label columns,
// which is what makes an extract re-import exactly.
var longHeaderKeys = []string{
	"extract.header.organisation", "extract.header.organisation_name", "extract.header.year",
	"extract.header.indicator", "extract.header.indicator_label", "extract.header.breakdown",
	"extract.header.breakdown_label", "extract.header.value", "extract.header.unit",
}

// longHeaders are the column titles of the long layout in lang.
func longHeaders(lang string) []string {
	p := locale.NewPrinter(lang)
	out := make([]string, len(longHeaderKeys))
	for i, k := range longHeaderKeys {
		out[i] = p.T(k)
	}
	return out
}

// unitKeys name the units of the catalogue for the Unit column.
var unitKeys = map[string]string{
	"count": "extract.unit.count",
	"days":  "extract.unit.days",
	"rate":  "extract.unit.rate",
}

// consistencyRuleKeys are the checks made at import (shared/README.md), so
// that an analyst knows which identities the figures satisfy.
var consistencyRuleKeys = []string{
	"extract.rule.ranges", "extract.rule.received", "extract.rule.closed", "extract.rule.open",
	"extract.rule.on_time", "extract.rule.parts", "extract.rule.derived",
}

// sheets are the sheet names of a workbook in its reader's language. The
// importer knows the explanation sheets by their names in every language
// (reference synonyms of kind "sheet") and reads the data sheet whatever its
// name.
type sheets struct{ data, definitions, about, notes, rates string }

func sheetsIn(p *locale.Printer) sheets {
	return sheets{
		data:        p.T("extract.sheet.data"),
		definitions: p.T("extract.sheet.definitions"),
		about:       p.T("extract.sheet.about"),
		notes:       p.T("extract.sheet.notes"),
		rates:       p.T("extract.sheet.rates"),
	}
}
