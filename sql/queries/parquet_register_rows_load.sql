-- An in-memory database's register tables from a Parquet export under $1
-- (see export_parquet_*.sql), so that register_indicators.sql runs over the
-- files unchanged. The hive columns org and year are dropped: they are
-- derived from the rows.
CREATE TEMP TABLE register_rows AS
SELECT * EXCLUDE (org, year)
FROM read_parquet($1 || '/register_rows/*/*/*.parquet', hive_partitioning = true);
