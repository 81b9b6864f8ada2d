package extract

import (
	"context"
	"maps"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
)

// writeNotes adds the Notes sheet (explanations, questions and answers on
// the values; only when there are some): for every submission the figures come
// from, the notes on the indicators it gives the extract.
func (x *Extractor) writeNotes(ctx context.Context, f *excelize.File, st *styles, l *labels, a aboutFacts, t *tally) error {
	notes, err := x.st.NotesOfSubmissions(ctx, slices.Collect(maps.Keys(t.sources)))
	if err != nil {
		return err
	}
	subs := map[int64]aboutSource{}
	for _, s := range a.sources {
		subs[s.ID] = s
	}
	var kept []domain.ValueNote
	for _, n := range notes {
		if src := t.sources[n.SubmissionID]; src != nil && src.indicators[n.Indicator] {
			kept = append(kept, n)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	if _, err := f.NewSheet(l.sheets.notes); err != nil {
		return err
	}
	p := locale.NewPrinter(l.lang)
	h := longHeaders(l.lang)
	headers := []string{h[colOrganisation], h[colYear], h[colIndicator], h[colBreakdown], p.T("extract.notes.submission"),
		p.T("extract.notes.kind"), p.T("extract.notes.author"), p.T("extract.notes.date"), p.T("extract.notes.text")}
	sw, err := startTable(f, st, l.sheets.notes, headers, []float64{14, 8, 20, 20, 12, 16, 28, 18, 80}, 0)
	if err != nil {
		return err
	}
	for i, n := range kept {
		s := subs[n.SubmissionID]
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, []any{st.str(s.Organisation), s.Year, st.str(n.Indicator), st.str(n.Breakdown), n.SubmissionID,
			st.str(p.T("round.note." + n.Kind)), st.str(n.Author), excelize.Cell{StyleID: st.date, Value: n.CreatedAt.UTC()}, st.str(n.Body)}); err != nil {
			return err
		}
	}
	return endTable(f, sw, l.sheets.notes, len(headers), len(kept)+1)
}
