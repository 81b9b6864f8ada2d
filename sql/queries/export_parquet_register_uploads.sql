-- The register uploads and the submissions each produced, to $1 (one file):
-- the latest upload of an organisation and year is its current register.
COPY (
    SELECT u.id AS upload_id, u.file_name, u.sha256, u.source, u.created_at,
           list(rs.submission_id ORDER BY rs.submission_id) FILTER (rs.submission_id IS NOT NULL) AS submissions
    FROM register_uploads u
    LEFT JOIN register_submissions rs ON rs.upload_id = u.id
    GROUP BY ALL
    ORDER BY u.id
) TO $1 (FORMAT parquet, COMPRESSION zstd);
