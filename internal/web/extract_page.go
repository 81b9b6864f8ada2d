package web

import (
	"context"
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/store"
)

type extractPage struct {
	page
	YearOpts    []option
	OrgOpts     []option
	MeasureOpts []option
}

// extractPage is GET /extract: a form whose two buttons ask /extract.xlsx or
// /extract.csv for the chosen years, administrations and indicators.
func (s *Server) extractPage(c echo.Context) error {
	return s.cached(c, "extract", nil, func(ctx context.Context, l Locale) (any, error) {
		years, err := s.st.DashboardYears(ctx)
		if err != nil {
			return nil, fmt.Errorf("web: extract page: %w", err)
		}
		p := extractPage{page: s.base(c, l, "extract", l.T("extract.title")), YearOpts: yearOptions(years, 0)}
		_, p.OrgOpts = scopeOptions(s.ref(), l, store.Scope{})
		for _, in := range s.ref().Indicators {
			p.MeasureOpts = append(p.MeasureOpts, option{Value: in.Code, Label: in.Label.In(l.Lang)})
		}
		return p, nil
	})
}
