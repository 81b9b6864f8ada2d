package web

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

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

	matrix := [][]string{{l.T("table.organisation"), "code"}}
	for _, h := range p.Criteria {
		matrix[0] = append(matrix[0], fmt.Sprintf("%d. %s", h.Number, h.Label))
	}
	matrix[0] = append(matrix[0], l.T("criteria.met_count"), l.T("mystery.latest"))
	answers := [][]string{{l.T("table.organisation"), "code", l.T("criteria.criterion"), l.T("criteria.status"), l.T("criteria.comment"), l.T("criteria.evidence")}}
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
	protocol := [][]string{{l.T("table.organisation"), "code", l.T("criteria.since")}}
	for _, e := range p.Protocol {
		protocol = append(protocol, []string{e.Name, e.Code, strconv.Itoa(e.Since)})
	}
	metCol := len(matrix[0]) - 2
	body, err := criteriaWorkbook([]criteriaSheet{
		{"Criteria", matrix, []int{metCol}}, {"Answers", answers, []int{2}}, {"Counts", counts, []int{1, 2, 3}}, {"Protocol", protocol, []int{2}},
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

// criteriaSheet is one sheet: its rows, header first, and the columns that
// hold whole numbers; every other column is text, whatever it looks like.
type criteriaSheet struct {
	name    string
	rows    [][]string
	numbers []int
}

// criteriaWorkbook writes the sheets, numbers as numbers and text as text.
func criteriaWorkbook(sheets []criteriaSheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}}})
	if err != nil {
		return nil, err
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return nil, err
		}
		for r, row := range sh.rows {
			cells := make([]any, len(row))
			var inert []string // cells to format as text
			for col, v := range row {
				n, numErr := strconv.Atoi(v)
				cells[col] = v
				if r > 0 && numErr == nil && slices.Contains(sh.numbers, col) {
					cells[col] = n
				}
				if extract.FormulaLike(v) {
					name, err := excelize.CoordinatesToCellName(col+1, r+1)
					if err != nil {
						return nil, err
					}
					inert = append(inert, name)
				}
			}
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				return nil, err
			}
			// SetSheetRow writes strings as strings, never as formulas; the
			// Text format keeps them so when someone edits the cell.
			if err := f.SetSheetRow(sh.name, cell, &cells); err != nil {
				return nil, err
			}
			for _, name := range inert {
				if err := f.SetCellStyle(sh.name, name, name, text); err != nil {
					return nil, err
				}
			}
		}
		if err := f.SetRowStyle(sh.name, 1, 1, header); err != nil {
			return nil, err
		}
		if err := f.SetColWidth(sh.name, "A", "A", 40); err != nil {
			return nil, err
		}
		if err := f.SetPanes(sh.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
