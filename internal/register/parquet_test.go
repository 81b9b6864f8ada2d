package register

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
)

// TestParquetGivesTheSameIndicators: register_indicators.sql run over the
// Parquet export gives exactly what the database computed, for every
// upload, with an organisation's own terms; the files are hive partitions
// by organisation and year.
func TestParquetGivesTheSameIndicators(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	if err := st.SetTerms(ctx, "FIN", store.Terms{AckDays: 6, AnswerDays: 31}); err != nil {
		t.Fatal(err)
	}
	im := NewImporter(st)
	var results []*Result
	for _, file := range []string{"testdata/rules_en.csv", "testdata/two_organisations.csv", writeRulesXLSX(t)} {
		res, err := im.Import(ctx, Request{Path: file, Source: "test", Status: domain.StatusApproved})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Accepted() || res.Stored.Upload == 0 {
			t.Fatalf("%s: refused or not stored: %v", file, res.Problems)
		}
		results = append(results, res)
	}
	dir := filepath.Join(t.TempDir(), "export")
	exp, err := st.ExportParquet(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		got, err := st.RegisterIndicatorsFromParquet(ctx, dir, res.Stored.Upload, im.codes("channel"), im.codes("language"), im.codes("type"))
		if err != nil {
			t.Fatal(err)
		}
		want := res.Stored.Observations
		if len(got) != len(want) {
			t.Fatalf("upload %d: %d observations from Parquet, %d from the database", res.Stored.Upload, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("upload %d, row %d: Parquet %+v, database %+v", res.Stored.Upload, i, got[i], want[i])
			}
		}
	}
	for _, pattern := range []string{
		filepath.Join(exp.RegisterRows, "org=FIN", "year=2023", "*.parquet"),
		filepath.Join(exp.RegisterRows, "org=FIN", "year=2024", "*.parquet"),
		filepath.Join(exp.Observations, "org=FIN", "year=2024", "*.parquet"),
		exp.RegisterValues, exp.RegisterUploads, exp.OrganisationTerms,
	} {
		if m, _ := filepath.Glob(pattern); len(m) == 0 {
			t.Errorf("no file %s", pattern)
		}
	}
	if _, err := st.ExportParquet(ctx, dir); err == nil {
		t.Error("a second export into the same folder overwrote the first")
	}
}
