-- The organisations' announced terms, to $1 (one file).
COPY (SELECT * FROM organisation_terms ORDER BY organisation)
TO $1 (FORMAT parquet, COMPRESSION zstd);
