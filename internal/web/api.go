package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// apiObservations is GET /api/v1/observations?year=&organisation=&indicator=
// (each repeatable): the published figures as a JSON list.
func (s *Server) apiObservations(c echo.Context) error {
	q, p := c.QueryParams(), s.params()
	var f store.Filter
	var err error
	if f.Years, err = p.Years("year", q["year"]); err != nil {
		return err
	}
	if f.Organisations, err = p.Organisations(q["organisation"]); err != nil {
		return err
	}
	if f.Indicators, err = p.Indicators(q["indicator"]); err != nil {
		return err
	}
	obs, err := s.st.Published(c.Request().Context(), f)
	if err != nil {
		return fmt.Errorf("web: api observations: %w", err)
	}
	if obs == nil {
		obs = []domain.Observation{} // an empty list, not null
	}
	return c.JSON(http.StatusOK, obs)
}

// apiIndicators is GET /api/v1/indicators: the catalogue with its labels
// and its definitions by language, with every version in "history".
func (s *Server) apiIndicators(c echo.Context) error {
	return c.JSON(http.StatusOK, s.ref().Indicators)
}

// apiOrganisations is GET /api/v1/organisations: every administration,
// ended ones included, with its names, active years (first_year, last_year),
// group per year (groups), successors and second-line body.
func (s *Server) apiOrganisations(c echo.Context) error {
	out := []reference.Organisation{}
	for _, o := range s.ref().Organisations {
		out = append(out, organisationJSON(o))
	}
	return c.JSON(http.StatusOK, out)
}

// healthz answers 200 when the database answers.
func (s *Server) healthz(c echo.Context) error {
	if err := s.st.Ping(c.Request().Context()); err != nil {
		return fmt.Errorf("web: healthz: %w", err)
	}
	return c.String(http.StatusOK, "ok\n")
}
