package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// Scope narrows a dashboard query to one group of administrations or to one
// administration; the zero value is the whole network.
type Scope struct {
	Group        string
	Organisation string
}

// maxTerms is how many indicators one measure combines at most: a derived
// rate such as founded share needs founded, partly_founded and closed.
const maxTerms = 3

// DashboardYears lists the years with published values, oldest first.
func (s *Store) DashboardYears(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, s.query("dashboard_years"))
	if err != nil {
		return nil, fmt.Errorf("store: dashboard years: %w", err)
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("store: dashboard years: %w", err)
		}
		years = append(years, y)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: dashboard years: %w", err)
	}
	return years, nil
}

// DashboardNetwork returns the plain published values of every
// administration in scope, all years.
func (s *Store) DashboardNetwork(ctx context.Context, sc Scope) ([]domain.Observation, error) {
	obs, err := s.scanObservations(ctx, false, s.query("dashboard_network"), sc.Group, sc.Organisation)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard network %+v: %w", sc, err)
	}
	return obs, nil
}

// DashboardCompare returns the published values, breakdowns included, of the
// given indicators (at most three) for year and the year before.
func (s *Store) DashboardCompare(ctx context.Context, sc Scope, year int, indicators []string) ([]domain.Observation, error) {
	terms, err := padTerms(indicators)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard compare: %w", err)
	}
	obs, err := s.scanObservations(ctx, true, s.query("dashboard_compare"),
		year, terms[0], terms[1], terms[2], sc.Group, sc.Organisation)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard compare %d %v: %w", year, indicators, err)
	}
	return obs, nil
}

// DashboardTrends returns the plain published values of the given indicators
// (at most three) over all years.
func (s *Store) DashboardTrends(ctx context.Context, sc Scope, indicators []string) ([]domain.Observation, error) {
	terms, err := padTerms(indicators)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard trends: %w", err)
	}
	obs, err := s.scanObservations(ctx, false, s.query("dashboard_trends"),
		terms[0], terms[1], terms[2], sc.Group, sc.Organisation)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard trends %v: %w", indicators, err)
	}
	return obs, nil
}

// DashboardProfile returns every published value of one administration.
func (s *Store) DashboardProfile(ctx context.Context, organisation string) ([]domain.Observation, error) {
	obs, err := s.scanObservations(ctx, true, s.query("dashboard_profile"), organisation)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard profile %s: %w", organisation, err)
	}
	return obs, nil
}

// padTerms repeats the last indicator so that the query always gets exactly
// maxTerms parameters.
func padTerms(indicators []string) ([maxTerms]string, error) {
	var terms [maxTerms]string
	if len(indicators) == 0 || len(indicators) > maxTerms {
		return terms, fmt.Errorf("want 1 to %d indicators, got %d", maxTerms, len(indicators))
	}
	for i := range terms {
		terms[i] = indicators[min(i, len(indicators)-1)]
	}
	return terms, nil
}

// scanObservations runs a dashboard query whose columns are organisation,
// year, indicator, [breakdown,] value.
func (s *Store) scanObservations(ctx context.Context, withBreakdown bool, query string, args ...any) ([]domain.Observation, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Observation
	for rows.Next() {
		var o domain.Observation
		dest := []any{&o.Organisation, &o.Year, &o.Indicator, &o.Breakdown, &o.Value}
		if !withBreakdown {
			dest = []any{&o.Organisation, &o.Year, &o.Indicator, &o.Value}
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
