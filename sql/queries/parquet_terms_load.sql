-- See parquet_register_rows_load.sql: the terms of the export at $1.
CREATE TEMP TABLE organisation_terms AS
SELECT * FROM read_parquet($1 || '/organisation_terms.parquet');
