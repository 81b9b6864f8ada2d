package web

import (
	"fmt"
	"net/http"
	"strconv"

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
	year := 0
	if raw := q.Get("year"); raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil {
			return domain.Errorf(domain.EINVALID, "error.not_a_year", raw)
		}
		year = y
	} else {
		years, err := s.st.DashboardYears(ctx)
		if err != nil {
			return fmt.Errorf("web: api rates: %w", err)
		}
		if len(years) > 0 {
			year = years[len(years)-1]
		}
	}
	var orgs []string
	for _, o := range q["organisation"] {
		if _, ok := s.ref().Organisation(o); !ok {
			return domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", o)
		}
		orgs = append(orgs, o)
	}
	out, err := s.st.Rates(ctx, year, r, orgs)
	if err != nil {
		return fmt.Errorf("web: api rates: %w", err)
	}
	return c.JSON(http.StatusOK, out)
}
