-- The submissions that are the latest non-returned one of their
-- (organisation, year) and came from the file with SHA-256 $1: importing that
-- file again changes nothing for their group.
WITH latest AS (
    SELECT *
    FROM submissions
    WHERE status <> 'returned'
    QUALIFY row_number() OVER (PARTITION BY organisation, year ORDER BY version DESC) = 1
)
SELECT s.id, s.organisation, s.year, s.version, s.file_name, s.sha256, s.source, s.kind, s.status,
       s.comment, s.created_at, count(o.submission_id) AS observations
FROM latest s
LEFT JOIN observations o ON o.submission_id = s.id
WHERE s.sha256 = $1
GROUP BY ALL;
