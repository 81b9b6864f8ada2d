-- How each text of each register upload was read, to $1 (one file).
COPY (SELECT * FROM register_values ORDER BY upload_id, role, text)
TO $1 (FORMAT parquet, COMPRESSION zstd);
