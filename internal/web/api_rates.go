package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
)

// apiRates is GET /api/v1/rates?year=Y&rate=CODE[&organisation=O...]: one
// derived rate of every administration that can have it in year, with its
// numerator and denominator, whether it rests on a small number (small_n)
// and its state against the coordinator's target (met, close, missed; null
// without a target or for a small n). year defaults to the latest.
func (s *Server) apiRates(c echo.Context) error {
	q := c.QueryParams()
	ctx := c.Request().Context()
	code := q.Get("rate")
	if code == "" {
		return domain.Errorf(domain.EINVALID, "error.rate_required")
	}
	r, ok := rates.Find(code)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.unknown_rate", code)
	}
	p := s.params()
	year, err := p.YearOr("year", q.Get("year"), 0)
	if err != nil {
		return err
	}
	if year == 0 {
		years, err := s.st.DashboardYears(ctx)
		if err != nil {
			return fmt.Errorf("web: api rates: %w", err)
		}
		if len(years) > 0 {
			year = years[len(years)-1]
		}
	}
	orgs, err := p.Organisations(q["organisation"])
	if err != nil {
		return err
	}
	out, err := s.st.Rates(ctx, year, r, orgs)
	if err != nil {
		return fmt.Errorf("web: api rates: %w", err)
	}
	return c.JSON(http.StatusOK, out)
}
