package web

import (
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/extract"
)

// criteriaXLSX is GET /criteria.xlsx?year=Y&group=G: the page's matrix, the
// answers with their comments and evidence, the counts and the protocol
// list, from the same data as the page. As in the extracts, text that a
// spreadsheet could take for a formula gets the Text format, so comments
// written by administrations stay inert.
func (s *Server) criteriaXLSX(c echo.Context) error {
	l := s.locale(c)
	data, err := s.buildCriteriaMatrix(c.Request().Context(), c, l)
	if err != nil {
		return err
	}
	p := data.(criteriaMatrixPage)

	matrix := [][]string{{l.T("table.organisation"), l.T("table.code")}}
	for _, h := range p.Criteria {
		matrix[0] = append(matrix[0], fmt.Sprintf("%d. %s", h.Number, h.Label))
	}
	matrix[0] = append(matrix[0], l.T("criteria.met_count"), l.T("mystery.latest"))
	answers := [][]string{{l.T("table.organisation"), l.T("table.code"), l.T("criteria.criterion"), l.T("criteria.status"), l.T("criteria.comment"), l.T("criteria.evidence")}}
	for _, r := range p.Rows {
		row := []string{r.Name, r.Code}
		if !r.Assessed {
			row = append(row, l.T("criteria.not_assessed"))
			matrix = append(matrix, row)
			continue
		}
		for _, cell := range r.Cells {
			row = append(row, cell.Text)
			answers = append(answers, []string{r.Name, r.Code, strconv.Itoa(cell.Criterion), cell.Text, cell.Comment, cell.Evidence})
		}
		matrix = append(matrix, append(row, strconv.Itoa(r.Met), r.Check))
	}
	counts := [][]string{{l.T("criteria.criterion"), l.T("criteria.state.met"), l.T("criteria.state.partly"), l.T("criteria.state.not_met")}}
	for _, cnt := range p.Counts {
		counts = append(counts, []string{fmt.Sprintf("%d. %s", cnt.Number, cnt.Label), strconv.Itoa(cnt.Met), strconv.Itoa(cnt.Partly), strconv.Itoa(cnt.NotMet)})
	}
	protocol := [][]string{{l.T("table.organisation"), l.T("table.code"), l.T("criteria.since")}}
	for _, e := range p.Protocol {
		protocol = append(protocol, []string{e.Name, e.Code, strconv.Itoa(e.Since)})
	}
	metCol := len(matrix[0]) - 2
	body, err := extract.TablesXLSX([]extract.Sheet{
		{Name: l.T("workbook.sheet.criteria"), Rows: matrix, Numbers: []int{metCol}, Widths: []float64{40}},
		{Name: l.T("workbook.sheet.answers"), Rows: answers, Numbers: []int{2}, Widths: []float64{40}},
		{Name: l.T("workbook.sheet.counts"), Rows: counts, Numbers: []int{1, 2, 3}, Widths: []float64{40}},
		{Name: l.T("workbook.sheet.protocol"), Rows: protocol, Numbers: []int{2}, Widths: []float64{40}},
	})
	if err != nil {
		return fmt.Errorf("web: criteria xlsx: %w", err)
	}
	name := fmt.Sprintf("criteria_%d", p.Year)
	if p.Group != "" {
		name += "_" + p.Group
	}
	return attachment(c, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
}
