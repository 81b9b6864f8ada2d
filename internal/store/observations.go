package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// Filter narrows the published figures; an empty slice does not filter.
type Filter struct {
	Years         []int
	Organisations []string
	Indicators    []string
}

// Published returns the current approved figures (view current_observations)
// that pass f, ordered by organisation, year, indicator and breakdown.
func (s *Store) Published(ctx context.Context, f Filter) ([]domain.Observation, error) {
	years := make([]int32, len(f.Years)) // the driver binds INTEGER[] from []int32 only
	for i, y := range f.Years {
		years[i] = int32(y)
	}
	// nil would bind as NULL, not as an empty list.
	orgs := append([]string{}, f.Organisations...)
	indicators := append([]string{}, f.Indicators...)
	obs, err := queryObservations(ctx, s.db, s.query("store_published"), years, orgs, indicators)
	if err != nil {
		return nil, fmt.Errorf("store: published %+v: %w", f, err)
	}
	return obs, nil
}

// Current returns the current approved values of one organisation for one
// year, ordered by indicator and breakdown: what the consistency rules
// combine with a new file.
func (s *Store) Current(ctx context.Context, org string, year int) ([]domain.Observation, error) {
	obs, err := queryObservations(ctx, s.db, s.query("store_current"), org, year)
	if err != nil {
		return nil, fmt.Errorf("store: current %s/%d: %w", org, year, err)
	}
	return obs, nil
}

// queryObservations runs a query whose columns are organisation, year,
// indicator, breakdown and value.
func queryObservations(ctx context.Context, q querier, query string, args ...any) ([]domain.Observation, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Observation
	for rows.Next() {
		var o domain.Observation
		if err := rows.Scan(&o.Organisation, &o.Year, &o.Indicator, &o.Breakdown, &o.Value); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
