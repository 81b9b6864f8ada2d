package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// The Parquet file of the open data reads back in DuckDB to the published
// rows, and nothing else: a submitted file is left out.
func TestCopyPublishedParquet(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	modified, err := s.PublishedModified(ctx)
	if err != nil || !modified.IsZero() {
		t.Fatalf("empty database: modified %v, %v", modified, err)
	}
	before := time.Now().Add(-time.Second)
	mustImport(t, s, importFile("fin.csv", domain.StatusApproved, obsOf(t, "FIN", 2024, "received=1200 admissible=1000.5 by_channel:email=700 by_channel:letter=500")))
	mustImport(t, s, importFile("pol.csv", domain.StatusApproved, obsOf(t, "POL", 2023, "received=640")))
	mustImport(t, s, importFile("just.csv", domain.StatusSubmitted, obsOf(t, "JUST", 2024, "received=9")))
	path := filepath.Join(t.TempDir(), "it's observations.parquet")
	if err := s.CopyPublishedParquet(ctx, path); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT organisation, year, indicator, breakdown, value FROM read_parquet(?) ORDER BY ALL`, path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := func() ([]domain.Observation, error) {
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
	}()
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Published(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 5 || !reflect.DeepEqual(got, want) {
		t.Errorf("parquet rows\n%v\nwant the published\n%v", got, want)
	}
	modified, err = s.PublishedModified(ctx)
	if err != nil || modified.Before(before) {
		t.Errorf("modified %v (%v), want the time of the latest approved import", modified, err)
	}
}
