package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fcmn/infocentre/internal/domain"
)

// ParquetExport says where ExportParquet wrote each table.
type ParquetExport struct {
	Observations      string // hive partitions org=CODE/year=YYYY of the published observations
	RegisterRows      string // hive partitions org=CODE/year=YYYY of every stored register row
	RegisterValues    string // one file: how each text of each upload was read
	RegisterUploads   string // one file: the uploads and the submissions each produced
	OrganisationTerms string // one file
}

// ExportParquet writes the published observations and the register tables
// as zstd Parquet under dir, which must not hold an earlier export: DuckDB's
// own COPY ... PARTITION_BY, so that an engine of several machines (Spark
// SQL, Trino) or DuckDB elsewhere reads them, each organisation and year an
// independent partition. Nothing is written to the database.
func (s *Store) ExportParquet(ctx context.Context, dir string) (ParquetExport, error) {
	out := ParquetExport{
		Observations:      filepath.Join(dir, "observations"),
		RegisterRows:      filepath.Join(dir, "register_rows"),
		RegisterValues:    filepath.Join(dir, "register_values.parquet"),
		RegisterUploads:   filepath.Join(dir, "register_uploads.parquet"),
		OrganisationTerms: filepath.Join(dir, "organisation_terms.parquet"),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ParquetExport{}, fmt.Errorf("store: export parquet: %w", err)
	}
	for _, step := range []struct{ query, path string }{
		{"export_parquet_observations", out.Observations},
		{"export_parquet_register_rows", out.RegisterRows},
		{"export_parquet_register_values", out.RegisterValues},
		{"export_parquet_register_uploads", out.RegisterUploads},
		{"export_parquet_organisation_terms", out.OrganisationTerms},
	} {
		if _, err := s.db.ExecContext(ctx, s.query(step.query), step.path); err != nil {
			return ParquetExport{}, fmt.Errorf("store: export parquet %s: %w", step.path, err)
		}
	}
	return out, nil
}

// RegisterIndicatorsFromParquet recomputes the indicators of one register
// upload from an export of ExportParquet, in a database of its own in
// memory: register_indicators.sql runs over the Parquet files unchanged,
// as it would on another engine after a definition changed.
func (s *Store) RegisterIndicatorsFromParquet(ctx context.Context, dir string, upload int64, channels, languages, types []string) ([]domain.Observation, error) {
	obs, err := s.registerIndicatorsFromParquet(ctx, dir, upload, channels, languages, types)
	if err != nil {
		return nil, fmt.Errorf("store: register %d from parquet %s: %w", upload, dir, err)
	}
	return obs, nil
}

func (s *Store) registerIndicatorsFromParquet(ctx context.Context, dir string, upload int64, channels, languages, types []string) ([]domain.Observation, error) {
	db, err := sql.Open("duckdb", "?"+duckdbParams())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// Temporary tables live on one connection.
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	for _, q := range []string{"parquet_register_rows_load", "parquet_register_values_load", "parquet_terms_load"} {
		if _, err := conn.ExecContext(ctx, s.query(q), dir); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	return queryObservations(ctx, conn, s.query("register_indicators"), upload,
		nonNil(channels), nonNil(languages), nonNil(types), holidays())
}
