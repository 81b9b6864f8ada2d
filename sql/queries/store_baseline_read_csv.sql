-- Benchmarks only: DuckDB's own CSV reader loading a long CSV ($1).
CREATE OR REPLACE TABLE baseline_read_csv AS
SELECT * FROM read_csv($1, header = true);
