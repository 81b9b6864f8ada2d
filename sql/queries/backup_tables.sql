-- The tables of a database (the store's, or a backup attached beside it),
-- in the order their digests are compared.
SELECT table_name
FROM duckdb_tables()
WHERE database_name = ? AND schema_name = 'main' AND NOT temporary
ORDER BY table_name;
