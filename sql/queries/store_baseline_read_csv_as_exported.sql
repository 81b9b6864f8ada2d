-- Benchmarks only: DuckDB's own CSV reader loading a long CSV ($1) shaped as
-- an administration exports it, told what a user would tell it: $2
-- separator, $3 lines above the header, $4 date format, $5 encoding, $6
-- decimal mark. It sniffs the types itself.
CREATE OR REPLACE TABLE baseline_read_csv AS
SELECT * FROM read_csv($1, delim = $2, skip = $3, header = true, dateformat = $4, encoding = $5,
                       decimal_separator = $6);
