package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// completenessPage is the data of templates/completeness.html.
type completenessPage struct {
	page
	From, To int
	Years    []int
	Rows     []completenessRow
	Totals   []completenessTotal // per status, over the whole matrix
}

type completenessRow struct {
	Code  string
	Name  string
	Cells []completenessCell
}

type completenessCell struct {
	Year   int
	Status string
	Label  string
}

type completenessTotal struct {
	Status string
	Label  string
	Count  int
}

// completenessStatuses in the order the legend shows them.
var completenessStatuses = []string{store.StatusMissing, domain.StatusSubmitted, domain.StatusReturned, domain.StatusApproved, store.StatusNotExpected}

// maxCompletenessYears bounds the matrix a query can ask for.
const maxCompletenessYears = 40

// completenessRange reads ?from= and ?to=; by default the five years up to
// last year, the latest an administration can report.
func (s *Server) completenessRange(c echo.Context) (int, int, error) {
	return s.params().YearRange(c.QueryParams(), s.clock.Now().Year()-1, 5, maxCompletenessYears)
}

// completenessMatrix turns the store's cells (organisation by organisation,
// each with every year in order) into rows.
func (s *Server) completenessMatrix(c echo.Context, l Locale) (int, int, []completenessRow, error) {
	from, to, err := s.completenessRange(c)
	if err != nil {
		return 0, 0, nil, err
	}
	cells, err := s.st.Completeness(c.Request().Context(), from, to)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("web: completeness: %w", err)
	}
	punctual, err := s.punctualities(c.Request().Context(), from, to)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("web: completeness: %w", err)
	}
	var rows []completenessRow
	index := map[string]int{}
	for _, cell := range cells {
		i, ok := index[cell.Organisation]
		if !ok {
			i = len(rows)
			index[cell.Organisation] = i
			name := cell.Organisation
			if o, ok := s.ref().Organisation(cell.Organisation); ok {
				name = o.Name.In(l.Lang)
			}
			rows = append(rows, completenessRow{Code: cell.Organisation, Name: name})
		}
		label := l.T("status." + cell.Status)
		if p := punctual[cell.Year][cell.Organisation]; p != "" {
			label += " · " + l.T("round."+p) // against the round's deadline
		}
		rows[i].Cells = append(rows[i].Cells, completenessCell{Year: cell.Year, Status: cell.Status, Label: label})
	}
	return from, to, rows, nil
}

// completenessPage is GET /review/completeness: administrations × years,
// each cell with the furthest status its submissions reached.
func (s *Server) completenessPage(c echo.Context) error {
	l := s.locale(c)
	from, to, rows, err := s.completenessMatrix(c, l)
	if err != nil {
		return err
	}
	p := completenessPage{page: s.base(c, l, "completeness", l.T("completeness.title")), From: from, To: to, Rows: rows}
	for y := from; y <= to; y++ {
		p.Years = append(p.Years, y)
	}
	count := map[string]int{}
	for _, r := range rows {
		for _, cell := range r.Cells {
			count[cell.Status]++
		}
	}
	for _, st := range completenessStatuses {
		p.Totals = append(p.Totals, completenessTotal{Status: st, Label: l.T("status." + st), Count: count[st]})
	}
	return s.render(c, http.StatusOK, "completeness", p)
}

// completenessTable is the matrix as text rows with a header, for the
// downloads: code, name, then the status of each year.
func (s *Server) completenessTable(c echo.Context) ([][]string, string, error) {
	l := s.locale(c)
	from, to, rows, err := s.completenessMatrix(c, l)
	if err != nil {
		return nil, "", err
	}
	header := []string{l.T("table.code"), l.T("table.organisation")}
	for y := from; y <= to; y++ {
		header = append(header, strconv.Itoa(y))
	}
	out := [][]string{header}
	for _, r := range rows {
		line := []string{r.Code, r.Name}
		for _, cell := range r.Cells {
			line = append(line, cell.Label)
		}
		out = append(out, line)
	}
	return out, fmt.Sprintf("completeness_%d-%d", from, to), nil
}
