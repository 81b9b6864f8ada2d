package extract

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/store"
)

// utf8BOM tells Excel that the file is UTF-8, so that accents survive.
const utf8BOM = "\uFEFF"

// csvDialect is what Excel in Belgium opens correctly: a Dutch or French
// locale expects ";" between fields and a decimal comma, English ones ","
// and a decimal point.
func csvDialect(lang string) (sep rune, decimal string) {
	if lang == "nl" || lang == "fr" {
		return ';', ","
	}
	return ',', "."
}

// WriteCSV writes the published figures r asks for as CSV: UTF-8 with a BOM,
// the columns of the Data sheet in the chosen layout, values unrounded. The
// request is checked before anything is written; an error while streaming
// leaves a truncated file behind, as any interrupted download does.
func (x *Extractor) WriteCSV(ctx context.Context, w io.Writer, r Request) error {
	r, l, columns, err := x.prepare(ctx, r)
	if err != nil {
		return err
	}

	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("extract: csv: %w", err)
	}
	cw := csv.NewWriter(buf)
	cw.Comma, _ = csvDialect(r.Lang)
	cw.UseCRLF = true
	if r.Layout == LayoutWide {
		err = x.csvWide(ctx, cw, r, l, columns)
	} else {
		err = x.csvLong(ctx, cw, r, l)
	}
	if err != nil {
		return fmt.Errorf("extract: csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("extract: csv: %w", err)
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("extract: csv: %w", err)
	}
	return nil
}

func (x *Extractor) csvLong(ctx context.Context, cw *csv.Writer, r Request, l *labels) error {
	if err := cw.Write(longHeaders(r.Lang)); err != nil {
		return err
	}
	_, decimal := csvDialect(r.Lang)
	rec := make([]string, len(longHeaders(r.Lang)))
	return x.st.EachPublished(ctx, r.filter(), func(o store.PublishedRow) error {
		rec[0] = InertCSV(o.Organisation)
		rec[1] = InertCSV(l.organisation(o.Organisation))
		rec[2] = strconv.Itoa(o.Year)
		rec[3] = InertCSV(o.Indicator)
		rec[4] = InertCSV(l.indicator(o.Indicator))
		rec[5] = InertCSV(o.Breakdown)
		rec[6] = InertCSV(l.breakdown(o.Indicator, o.Breakdown))
		rec[7] = csvNumber(o.Value, decimal)
		rec[8] = InertCSV(l.unitLabel(o.Indicator))
		return cw.Write(rec)
	})
}

func (x *Extractor) csvWide(ctx context.Context, cw *csv.Writer, r Request, l *labels, series []series) error {
	h := longHeaders(r.Lang)
	header := []string{h[colOrganisation], h[colName], h[colYear]}
	for _, s := range series {
		header = append(header, s.header())
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	_, decimal := csvDialect(r.Lang)
	rec := make([]string, len(header))
	return x.eachWide(ctx, r, series, newTally(), func(w *wideRow) error {
		rec[0] = InertCSV(w.organisation)
		rec[1] = InertCSV(l.organisation(w.organisation))
		rec[2] = strconv.Itoa(w.year)
		for i := range series {
			rec[wideKeyColumns+i] = ""
			if w.has[i] {
				rec[wideKeyColumns+i] = csvNumber(w.values[i], decimal)
			}
		}
		return cw.Write(rec)
	})
}

// csvNumber writes v with the fewest digits that read back as exactly v, and
// no thousands separator, which the importer could mistake for a decimal one.
func csvNumber(v float64, decimal string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if decimal != "." {
		s = strings.Replace(s, ".", decimal, 1)
	}
	return s
}
