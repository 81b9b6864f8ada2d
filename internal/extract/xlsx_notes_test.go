package extract

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// TestXLSXNotes: the explanations and questions on published values appear
// in a Notes sheet, only for the values the extract holds; an extract
// without any has no such sheet.
func TestXLSXNotes(t *testing.T) {
	x, st := newFixture(t)
	ctx := context.Background()
	subs, err := st.History(ctx, "FIN")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, s := range subs {
		ids[s.FileName] = s.ID
	}
	at := time.Date(2023, 2, 1, 10, 0, 0, 0, time.UTC)
	for _, n := range []domain.ValueNote{
		{SubmissionID: ids["fin_2022.xlsx"], Indicator: "received", Kind: domain.NoteExplanation, Author: "agency@fin.example", Body: "=New office in Liège"},
		{SubmissionID: ids["fin_2022.xlsx"], Indicator: "received", Kind: domain.NoteQuestion, Author: "coord@example.be", Body: "Since when?"},
		{SubmissionID: ids["fin_2022.xlsx"], Indicator: "closed", Kind: domain.NoteExplanation, Author: "agency@fin.example", Body: "Backlog cleared"},
		{SubmissionID: ids["draft.xlsx"], Indicator: "admissible", Kind: domain.NoteExplanation, Author: "agency@fin.example", Body: "not published"},
	} {
		if _, err := st.AddValueNote(ctx, domain.AuditEntry{Actor: n.Author}, n, at); err != nil {
			t.Fatal(err)
		}
	}
	f := openXLSX(t, writeXLSX(t, x, Request{Years: []int{2022, 2023}, Indicators: []string{"received", "admissible"}, Lang: "fr"}))
	rows, err := f.GetRows("Remarques")
	if err != nil {
		t.Fatalf("no Notes sheet: %v", err)
	}
	want := [][]string{
		{"Organisation", "Année", "Indicateur", "Ventilation", "Envoi", "Type", "Auteur", "Date", "Texte"},
		{"FIN", "2022", "received", "", "", "Explication", "agency@fin.example", "", "=New office in Liège"},
		{"FIN", "2022", "received", "", "", "Question", "coord@example.be", "", "Since when?"},
	}
	if len(rows) != len(want) {
		t.Fatalf("Notes rows %q", rows)
	}
	for i := range want {
		got := slices.Clone(rows[i])
		for len(got) < len(want[i]) {
			got = append(got, "")
		}
		if i > 0 {
			got[4], got[7] = "", "" // the id and the date's display format
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, got, want[i])
		}
	}
	if formula, _ := f.GetCellFormula("Remarques", "I2"); formula != "" {
		t.Errorf("an explanation starting with = became the formula %q", formula)
	}
	// The notes sheet, named in the reader's language, is no data: the
	// extract re-imports to the same figures in every language.
	parser := ingest.NewParser(x.ref())
	for _, lang := range []string{"nl", "fr", "en"} {
		r := Request{Years: []int{2022, 2023}, Indicators: []string{"received", "admissible"}, Lang: lang}
		data := writeXLSX(t, x, r)
		if !slices.Contains(openXLSX(t, data).GetSheetList(), sheetsByLang[lang].notes) {
			t.Errorf("%s: no sheet %q", lang, sheetsByLang[lang].notes)
		}
		want, err := st.Published(ctx, store.Filter{Years: r.Years, Indicators: r.Indicators})
		if err != nil {
			t.Fatal(err)
		}
		res := parser.Parse(x.FileName(r, "xlsx"), data, ingest.Options{})
		if got := sortObservations(res.Observations); len(res.Problems) > 0 || !slices.Equal(got, sortObservations(want)) {
			t.Errorf("%s: re-import read %v (problems %v), want %v", lang, got, res.Problems, want)
		}
	}
	f = openXLSX(t, writeXLSX(t, x, Request{Years: []int{2023}, Lang: "en"}))
	if slices.Contains(f.GetSheetList(), "Notes") {
		t.Error("a Notes sheet in an extract without notes")
	}
}
