package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// PublishedRow is one published figure and the submission it comes from.
type PublishedRow struct {
	domain.Observation
	SubmissionID int64
}

// ExtractColumn is an indicator, or one breakdown value of an indicator,
// that holds published figures: a column of the wide layout of an extract.
type ExtractColumn struct {
	Indicator string
	Breakdown string
}

// EachPublished calls fn with every published figure matching f, ordered by
// organisation, year and the catalogue order of indicators and breakdown
// values. It streams: one row is held at a time, so an extract of any size
// runs in flat memory. An error from fn stops the iteration and is returned
// as is.
func (s *Store) EachPublished(ctx context.Context, f Filter, fn func(PublishedRow) error) error {
	rows, err := s.db.QueryContext(ctx, s.query("extract_rows"), s.extractArgs(f)...)
	if err != nil {
		return fmt.Errorf("store: extract rows: %w", err)
	}
	defer rows.Close()
	var r PublishedRow
	for rows.Next() {
		if err := rows.Scan(&r.Organisation, &r.Year, &r.Indicator, &r.Breakdown, &r.Value, &r.SubmissionID); err != nil {
			return fmt.Errorf("store: extract rows: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: extract rows: %w", err)
	}
	return nil
}

// ExtractColumns lists the indicators and breakdown values that hold
// published figures matching f, in catalogue order.
func (s *Store) ExtractColumns(ctx context.Context, f Filter) ([]ExtractColumn, error) {
	rows, err := s.db.QueryContext(ctx, s.query("extract_columns"), s.extractArgs(f)...)
	if err != nil {
		return nil, fmt.Errorf("store: extract columns: %w", err)
	}
	defer rows.Close()
	var out []ExtractColumn
	for rows.Next() {
		var c ExtractColumn
		if err := rows.Scan(&c.Indicator, &c.Breakdown); err != nil {
			return nil, fmt.Errorf("store: extract columns: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: extract columns: %w", err)
	}
	return out, nil
}

// ExtractSubmissions returns the submissions with these ids, by
// organisation, year and version; Observations is left zero.
func (s *Store) ExtractSubmissions(ctx context.Context, ids []int64) ([]domain.Submission, error) {
	rows, err := s.db.QueryContext(ctx, s.query("extract_submissions"), append([]int64{}, ids...))
	if err != nil {
		return nil, fmt.Errorf("store: extract submissions: %w", err)
	}
	defer rows.Close()
	var out []domain.Submission
	for rows.Next() {
		var sub domain.Submission
		if err := rows.Scan(&sub.ID, &sub.Organisation, &sub.Year, &sub.Version, &sub.FileName, &sub.SHA256,
			&sub.Source, &sub.Kind, &sub.Status, &sub.Comment, &sub.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: extract submissions: %w", err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: extract submissions: %w", err)
	}
	return out, nil
}

// extractArgs binds a filter to the parameters of extract_rows and
// extract_columns: the three filter lists, never nil (DuckDB reads a nil
// slice as NULL), then the catalogue order of indicators and of their
// breakdown values.
func (s *Store) extractArgs(f Filter) []any {
	years := make([]int32, len(f.Years)) // the driver binds INTEGER[] from []int32 only
	for i, y := range f.Years {
		years[i] = int32(y)
	}
	orgs := append([]string{}, f.Organisations...)
	indicators := append([]string{}, f.Indicators...)
	order := make([]string, 0, len(s.Reference().Indicators))
	keys := []string{}
	for _, in := range s.Reference().Indicators {
		order = append(order, in.Code)
		for _, v := range s.Reference().BreakdownValuesOf(in.Breakdown) {
			keys = append(keys, in.Code+":"+v.Code)
		}
	}
	return []any{years, orgs, indicators, order, keys}
}
