package web

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/store"
)

// criteriaMatrixPage is the data of templates/criteria_matrix.html.
type criteriaMatrixPage struct {
	page
	Year      int
	Group     string
	YearOpts  []option
	GroupOpts []option
	Criteria  []criterionHead
	Rows      []criteriaRow
	Assessed  string
	Counts    []criterionCountRow
	Protocol  []protocolRow
	XLSX      string
}

// criteriaRow is one administration of the matrix.
type criteriaRow struct {
	Code     string
	Name     string
	Assessed bool
	Cells    []stateCell
	Met      int
	Check    string // summary of the latest mystery-shopping check
}

type criterionCountRow struct {
	criterionHead
	store.CriterionCount
}

type protocolRow struct {
	Code  string
	Name  string
	Since int
}

// criteriaMatrix is GET /criteria?year=Y&group=G: the validated
// self-assessments of a year, the counts per criterion and who may sign the
// protocol. Public, so validated assessments only.
func (s *Server) criteriaMatrix(c echo.Context) error {
	return s.cached(c, "criteria_matrix", []string{"year", "group"}, func(ctx context.Context, l Locale) (any, error) {
		return s.buildCriteriaMatrix(ctx, c, l)
	})
}

// criteriaYear reads ?year=, by default the latest year with published
// figures (every validated assessment publishes criteria_met), else last
// year; it returns the years to offer too.
func (s *Server) criteriaYear(ctx context.Context, c echo.Context) (int, []int, error) {
	years, err := s.st.DashboardYears(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("web: criteria years: %w", err)
	}
	fallback := s.clock.Now().Year() - 1
	if len(years) > 0 {
		fallback = years[len(years)-1]
	}
	year, err := s.params().YearOr("year", c.QueryParam("year"), fallback)
	if err != nil {
		return 0, nil, err
	}
	if !slices.Contains(years, year) {
		years = append(years, year)
		slices.Sort(years)
	}
	return year, years, nil
}

func (s *Server) buildCriteriaMatrix(ctx context.Context, c echo.Context, l Locale) (any, error) {
	year, years, err := s.criteriaYear(ctx, c)
	if err != nil {
		return nil, err
	}
	group, err := s.params().Group(c.QueryParam("group"))
	if err != nil {
		return nil, err
	}
	m, err := s.st.CriteriaMatrix(ctx, year, group)
	if err != nil {
		return nil, fmt.Errorf("web: criteria matrix: %w", err)
	}
	eligible, err := s.st.ProtocolEligible(ctx, year, group)
	if err != nil {
		return nil, fmt.Errorf("web: criteria matrix: %w", err)
	}
	q := url.Values{"year": {strconv.Itoa(year)}, "lang": {l.Lang}}
	if group != "" {
		q.Set("group", group)
	}
	p := criteriaMatrixPage{
		page: s.base(c, l, "criteria", l.T("criteria.title")), Year: year, Group: group,
		YearOpts: yearOptions(years, year), Criteria: s.criterionHeads(l),
		Assessed: fmt.Sprintf(l.T("criteria.assessed"), m.Assessed(), len(m.Rows), year),
		XLSX:     "/criteria.xlsx?" + q.Encode(),
	}
	for _, g := range groups(s.ref()) {
		p.GroupOpts = append(p.GroupOpts, option{Value: g, Label: groupName(s.ref(), g, l.Lang), Selected: g == group})
	}
	for _, r := range m.Rows {
		row := criteriaRow{Code: r.Organisation, Name: s.orgShortName(r.Organisation, l), Assessed: r.Assessment != nil}
		if r.Assessment != nil {
			row.Cells = stateCells(l, *r.Assessment, r.Check)
			row.Met = r.Assessment.Met()
		}
		if r.Check != nil {
			row.Check = checkSummary(l, *r.Check)
		}
		p.Rows = append(p.Rows, row)
	}
	for i, cnt := range m.Counts() {
		p.Counts = append(p.Counts, criterionCountRow{criterionHead: p.Criteria[i], CriterionCount: cnt})
	}
	for _, e := range eligible {
		p.Protocol = append(p.Protocol, protocolRow{Code: e.Organisation, Name: s.orgShortName(e.Organisation, l), Since: e.Since})
	}
	return p, nil
}

// orgShortName is an administration's name in l, or its code when unknown.
func (s *Server) orgShortName(code string, l Locale) string {
	if o, ok := s.ref().Organisation(code); ok {
		return o.Name.In(l.Lang)
	}
	return code
}
