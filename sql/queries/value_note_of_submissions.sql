-- The notes on the values of the submissions $1 (an extract's sources), in
-- order: for the Notes sheet.
SELECT n.id, n.submission_id, n.indicator, n.breakdown, n.kind, n.author, n.body, n.created_at
FROM value_notes n
WHERE list_contains($1::BIGINT[], n.submission_id)
ORDER BY n.submission_id, n.indicator, n.breakdown, n.id;
