-- Lets DuckDB load without keeping the rows in file order, which bounded
-- memory needs; no query here relies on that order (they all ORDER BY).
SET preserve_insertion_order = false;
