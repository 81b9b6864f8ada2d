-- DuckDB's memory limit as it reads it back (e.g. '244.1 MiB').
SELECT current_setting('memory_limit');
