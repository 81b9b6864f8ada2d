-- Caps DuckDB's memory ($1, e.g. '200MB') for the whole database: a register
-- import then spills to disk rather than grow.
SET memory_limit = $1;
