package ingest

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

var updateFixtures = flag.Bool("update-fixtures", false, "rewrite the XLSX fixtures under testdata/")

// TestWriteXLSXFixtures rewrites the XLSX fixtures when asked to; the
// committed files are what the other tests read.
func TestWriteXLSXFixtures(t *testing.T) {
	if !*updateFixtures {
		t.Skip("run with -update-fixtures to rewrite testdata/*.xlsx")
	}
	for name, build := range map[string]func(*excelize.File) error{
		"report_nl_FOD_Justitie.xlsx": buildReportNL,
		"wide_twolevel.xlsx":          buildWideTwoLevel,
		"long_fr_second_sheet.xlsx":   buildLongFR,
		"data_and_definitions.xlsx":   buildDataAndDefinitions,
	} {
		f := excelize.NewFile()
		if err := build(f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := f.SaveAs(filepath.Join("testdata", name)); err != nil {
			t.Fatal(err)
		}
	}
}

// buildReportNL: a notes sheet first, then a hand-made report: merged title,
// blank row, indicators as rows in Dutch, years as columns, numbers as text,
// a formula with its cached value, a group heading with its values below,
// a totals row.
func buildReportNL(f *excelize.File) error {
	f.SetSheetName("Sheet1", "Toelichting")
	f.SetCellValue("Toelichting", "A1", "Cijfers op het tweede blad. Bron: klachtenregister.")
	s := "Cijfers"
	f.NewSheet(s)
	f.SetCellValue(s, "A1", "FOD Justitie — Klachtenmanagement")
	f.MergeCell(s, "A1", "C1")
	rows := [][]any{
		{"Indicator", 2023, "2024"},
		{"Ontvangen klachten", 500, "1.250"},
		{"Ontvankelijke klachten", 400, 1000},
		{"Onontvankelijke klachten", 100, nil},
		{"Klachten per kanaal", nil, nil},
		{"E-mail", 300, 900},
		{"Brief", 200, 350},
		{"Gemiddelde behandelingsduur (kalenderdagen)", 21.5, "19,25"},
		{"Totaal", 1500, 2600},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			return err
		}
	}
	// 2024 inadmissible as a formula with its cached value.
	f.SetCellValue(s, "C6", 250)
	return f.SetCellFormula(s, "C6", "C4-C5")
}

// buildWideTwoLevel: a title block, a two-level header with "Kanaal" merged
// above its values and Organisatie/Jaar merged over both header rows.
func buildWideTwoLevel(f *excelize.File) error {
	s := "Sheet1"
	f.SetCellValue(s, "A1", "Klachtenindicatoren")
	f.SetCellValue(s, "A2", "Opgesteld door de klachtencoördinator")
	f.SetSheetRow(s, "A4", &[]any{"Organisatie", "Jaar", "Ontvangen klachten", "Kanaal", nil, "Taal", nil})
	f.SetSheetRow(s, "A5", &[]any{nil, nil, nil, "E-mail", "Brief", "Nederlands", "Frans"})
	for _, r := range [][2]string{{"A4", "A5"}, {"B4", "B5"}, {"C4", "C5"}, {"D4", "E4"}, {"F4", "G4"}} {
		if err := f.MergeCell(s, r[0], r[1]); err != nil {
			return err
		}
	}
	f.SetSheetRow(s, "A6", &[]any{"RSZ", 2022, 80, 50, 30, 60, 20})
	f.SetSheetRow(s, "A7", &[]any{"RSZ", 2023, 90, 60, 30, 70, 20})
	return nil
}

// buildLongFR: French long layout on the second sheet.
func buildLongFR(f *excelize.File) error {
	f.SetSheetName("Sheet1", "Lisez-moi")
	f.SetCellValue("Lisez-moi", "A1", "Export de l'outil de gestion des plaintes")
	s := "Données"
	f.NewSheet(s)
	rows := [][]any{
		{"Organisation", "Année", "Indicateur", "Ventilation", "Valeur"},
		{"Office national de l'Emploi", 2024, "Plaintes reçues", nil, 40},
		{"ONEM", 2024, "Plaintes par langue", "Néerlandais", 25},
		{"ONEM", 2024, "Plaintes par langue", "Français", 15},
		{"ONEM", 2024, "Durée moyenne de traitement (jours calendrier)", nil, 12.75},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			return err
		}
	}
	return nil
}

// buildDataAndDefinitions: an extract-like workbook whose Definitions sheet
// would read as a wide table (indicator codes as headers) if it were data.
func buildDataAndDefinitions(f *excelize.File) error {
	f.SetSheetName("Sheet1", "Data")
	f.SetSheetRow("Data", "A1", &[]any{"Organisation", "Year", "Indicator", "Breakdown", "Value"})
	f.SetSheetRow("Data", "A2", &[]any{"FIN", 2024, "received", nil, 12})
	f.NewSheet("Definitions")
	f.SetSheetRow("Definitions", "A1", &[]any{"Organisation", "received", "admissible"})
	f.SetSheetRow("Definitions", "A2", &[]any{"FIN", "Complaints received", "Admissible complaints"})
	return nil
}
