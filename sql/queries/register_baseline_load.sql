-- Benchmarks only: DuckDB's own read_csv, sniffing types, loading register
-- CSV $2 (as written by internal/register/gen: yyyy-mm-dd dates, codes and
-- yes/no, which it reads as booleans) into register_rows under upload $1 for
-- organisation $3: the yardstick of an import.
INSERT INTO register_rows
SELECT $1, $3, "complaint number", "date received", channel, language,
       CASE WHEN admissible THEN 'yes' ELSE 'no' END,
       outcome, type, "date acknowledged", "date closed",
       CASE WHEN "second line" THEN 'yes' ELSE 'no' END
FROM read_csv($2, header = true);
