package web

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/extract"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/store"
)

// scorecardPage is the data of templates/scorecard.html: administrations ×
// the derived rates of one year, each cell with its state against the
// target.
type scorecardPage struct {
	page
	Year      int
	Empty     bool
	YearOpts  []option
	GroupOpts []option
	OrgOpts   []option
	Head      []string
	Targets   []string // the target of each column, or "–"
	Rows      []scorecardRow
	XLSX      string
}

type scorecardRow struct {
	Code  string
	Name  string
	Band  string
	Cells []scorecardCell
}

type scorecardCell struct {
	Value string // "–" when the rate cannot be computed
	State string // met, close, missed, or ""
	Text  string // the state in words
	Small bool   // a small n: greyed, not judged
}

// scorecard is GET /scorecard?year=Y[&group=G].
func (s *Server) scorecard(c echo.Context) error {
	return s.cached(c, "scorecard", []string{"year", "group", "organisation"}, func(ctx context.Context, l Locale) (any, error) {
		return s.buildScorecard(ctx, c, l)
	})
}

func (s *Server) buildScorecard(ctx context.Context, c echo.Context, l Locale) (scorecardPage, error) {
	ps, err := s.pageScope(ctx, c)
	if err != nil {
		return scorecardPage{}, err
	}
	years, year, sc := ps.Years, ps.Year, ps.Scope
	p := scorecardPage{page: s.base(c, l, "scorecard", l.T("scorecard.title")), Year: year, Empty: len(years) == 0,
		YearOpts: yearOptions(years, year)}
	p.GroupOpts, p.OrgOpts = scopeOptions(s.ref(), l, sc)
	v := url.Values{"year": {strconv.Itoa(year)}, "lang": {l.Lang}}
	if sc.Group != "" {
		v.Set("group", sc.Group)
	}
	if sc.Organisation != "" {
		v.Set("organisation", sc.Organisation)
	}
	p.XLSX = "/scorecard.xlsx?" + v.Encode()
	if p.Empty {
		return p, nil
	}
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return scorecardPage{}, fmt.Errorf("web: scorecard: %w", err)
	}
	network, err := s.st.DashboardNetwork(ctx, store.Scope{})
	if err != nil {
		return scorecardPage{}, fmt.Errorf("web: scorecard: %w", err)
	}
	values := figures.ByOrgYear(network)
	for _, m := range figures.Derived {
		p.Head = append(p.Head, m.Label(s.ref(), l.p))
		if t, ok := settings.TargetFor(m.Code, year); ok {
			p.Targets = append(p.Targets, targetText(l, t, string(m.Unit)))
		} else {
			p.Targets = append(p.Targets, "–")
		}
	}
	for _, o := range figures.DueInScope(s.ref(), sc, year) {
		own := values[orgYear{Org: o.Code, Year: year}]
		row := scorecardRow{Code: o.Code, Name: o.Name.In(l.Lang), Band: figures.BandName(l.p, settings.Band(own))}
		for _, m := range figures.Derived {
			res := m.Result(own, settings.SmallN)
			cell := scorecardCell{Value: l.Value(res.Value, string(m.Unit)), Small: res.SmallN}
			if res.SmallN {
				cell.Value = withN(l, cell.Value, res.Denominator)
			}
			if m.Rate.PerActivity() && res.OK() {
				cell.Value += " (" + figures.ActivityUnit(l.p, settings, o.Code) + ")"
			}
			cell.State = settings.StateOf(m.Code, year, res)
			if cell.State != "" {
				cell.Text = l.T("fair.state." + cell.State)
			}
			row.Cells = append(row.Cells, cell)
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// scorecardXLSX is GET /scorecard.xlsx?year=Y[&group=G]: the same table,
// each rate in two columns (value, state), the targets in the second row.
func (s *Server) scorecardXLSX(c echo.Context) error {
	l := s.locale(c)
	p, err := s.buildScorecard(c.Request().Context(), c, l)
	if err != nil {
		return err
	}
	head := []string{l.T("table.organisation"), l.T("table.code"), l.T("fair.band")}
	targets := []string{l.T("fair.target"), "", ""}
	for i, h := range p.Head {
		head = append(head, h, h+" – "+l.T("fair.target_state"))
		targets = append(targets, p.Targets[i], "")
	}
	rows := [][]string{head, targets}
	for _, r := range p.Rows {
		row := []string{r.Name, r.Code, r.Band}
		for _, cell := range r.Cells {
			row = append(row, cell.Value, cell.Text)
		}
		rows = append(rows, row)
	}
	body, err := extract.TablesXLSX([]extract.Sheet{{Name: l.T("scorecard.sheet"), Rows: rows, Widths: []float64{40, 10, 14}}})
	if err != nil {
		return fmt.Errorf("web: scorecard xlsx: %w", err)
	}
	return attachment(c, fmt.Sprintf("scorecard_%d.xlsx", p.Year), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
}
