-- See parquet_register_rows_load.sql: the register values of the export at $1.
CREATE TEMP TABLE register_values AS
SELECT * FROM read_parquet($1 || '/register_values.parquet');
