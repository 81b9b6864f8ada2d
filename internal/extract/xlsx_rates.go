package extract

import (
	"context"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/rates"
)

// writeRates adds the sheet of the derived rates r asks for (rate=…): one
// row per administration, year and rate that can be computed, with its
// numerator, denominator, whether it rests on a small number and its state
// against the coordinator's target, as GET /api/v1/rates gives them.
func (x *Extractor) writeRates(ctx context.Context, f *excelize.File, st *styles, l *labels, r Request) error {
	if len(r.Rates) == 0 {
		return nil
	}
	years := r.Years
	if len(years) == 0 {
		all, err := x.st.DashboardYears(ctx)
		if err != nil {
			return err
		}
		years = all
	}
	p := locale.NewPrinter(l.lang)
	if _, err := f.NewSheet(l.sheets.rates); err != nil {
		return err
	}
	h := longHeaders(l.lang)
	headers := []string{h[colOrganisation], h[colYear], p.T("extract.rates.rate"), p.T("extract.rates.label"),
		p.T("fair.value"), p.T("extract.rates.numerator"), p.T("extract.rates.denominator"), p.T("extract.rates.small_n"),
		p.T("fair.target_state"), p.T("fair.band"), p.T("fair.activity_unit")}
	sw, err := startTable(f, st, l.sheets.rates, headers, []float64{14, 8, 22, 40, 12, 12, 12, 10, 16, 14, 18}, 0)
	if err != nil {
		return err
	}
	row := 1
	for _, code := range r.Rates {
		rate, _ := rates.Find(code)
		// Percentages (68.9) and rates per 1,000 alike show one decimal.
		const unit = "days"
		for _, y := range years {
			values, err := x.st.Rates(ctx, y, rate, r.Organisations)
			if err != nil {
				return err
			}
			for _, v := range values {
				row++
				small, state, band, activity := p.T("extract.rates.no"), "", "", ""
				if v.SmallN {
					small = p.T("extract.rates.yes")
				}
				if v.TargetState != nil {
					state = p.T("fair.state." + *v.TargetState)
				}
				if v.Band != "" {
					band = p.T("fair.band." + v.Band)
				}
				if v.ActivityUnit != "" {
					activity = p.T("fair.unit." + v.ActivityUnit)
				}
				cell, err := excelize.CoordinatesToCellName(1, row)
				if err != nil {
					return err
				}
				if err := sw.SetRow(cell, []any{st.str(v.Organisation), v.Year, st.str(v.Rate), st.str(p.T("measure." + v.Rate)),
					st.num(unit, v.Value), st.num("count", v.Numerator), st.num("count", v.Denominator),
					st.str(small), st.str(state), st.str(band), st.str(activity)}); err != nil {
					return err
				}
			}
		}
	}
	return endTable(f, sw, l.sheets.rates, len(headers), row)
}

// parseRates reads rate=CODE (repeatable), each one of internal/rates.
func parseRates(raw []string) ([]string, error) {
	var out []string
	for _, code := range raw {
		if _, ok := rates.Find(code); !ok {
			return nil, domain.Errorf(domain.EINVALID, "error.rate_choice", code)
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out, nil
}
