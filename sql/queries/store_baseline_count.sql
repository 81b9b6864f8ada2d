-- Benchmarks only: the rows store_baseline_read_csv or
-- store_baseline_read_csv_as_exported loaded.
SELECT count(*) FROM baseline_read_csv;
