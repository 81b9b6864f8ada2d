-- Every submission of organisation $1, newest first, with its number of
-- observations.
SELECT s.id, s.organisation, s.year, s.version, s.file_name, s.sha256, s.source, s.kind, s.status,
       s.comment, s.created_at, count(o.submission_id) AS observations
FROM submissions s
LEFT JOIN observations o ON o.submission_id = s.id
WHERE s.organisation = $1
GROUP BY ALL
ORDER BY s.created_at DESC, s.id DESC;
