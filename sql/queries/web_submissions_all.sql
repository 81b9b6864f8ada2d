-- Every submission of every organisation, newest first, with its number of
-- observations; at most $1 rows.
SELECT s.id, s.organisation, s.year, s.version, s.file_name, s.sha256, s.source, s.kind, s.status,
       s.comment, s.created_at, count(o.submission_id) AS observations
FROM submissions s
LEFT JOIN observations o ON o.submission_id = s.id
GROUP BY ALL
ORDER BY s.created_at DESC, s.id DESC
LIMIT $1;
