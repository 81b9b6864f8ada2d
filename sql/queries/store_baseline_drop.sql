-- Benchmarks only: drops the table store_baseline_read_csv filled.
DROP TABLE baseline_read_csv;
