-- A page of the API's list of submissions, with their number of
-- observations: those of organisation $1 ('' for every one) and of status
-- $2 ('' for any); newest first, except the waiting ones ($2 'submitted'),
-- oldest first as in the inbox; at most $3 rows from the $4-th (0 first).
SELECT s.id, s.organisation, s.year, s.version, s.file_name, s.sha256, s.source, s.kind, s.status,
       s.comment, s.created_at,
       (SELECT count(*) FROM observations o WHERE o.submission_id = s.id) AS observations
FROM submissions s
WHERE ($1 = '' OR s.organisation = $1) AND ($2 = '' OR s.status = $2)
ORDER BY CASE WHEN $2 = 'submitted' THEN epoch_us(s.created_at) ELSE -epoch_us(s.created_at) END,
         CASE WHEN $2 = 'submitted' THEN s.id ELSE -s.id END
LIMIT $3 OFFSET $4;
