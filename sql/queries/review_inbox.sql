-- Submissions waiting for review, oldest first, with their size.
SELECT s.id, s.organisation, s.year, s.version, s.file_name, s.sha256, s.source, s.kind, s.status, s.comment, s.created_at,
       (SELECT count(*) FROM observations o WHERE o.submission_id = s.id) AS observations
FROM submissions s
WHERE s.status = 'submitted'
ORDER BY s.created_at, s.id;
