-- The published notes on the values of the submissions $1 (an extract's
-- sources, a letter's), in order: a held note is not published yet.
SELECT n.id, n.submission_id, n.indicator, n.breakdown, n.kind, n.author, n.body, n.created_at, n.held
FROM value_notes n
WHERE list_contains($1::BIGINT[], n.submission_id) AND NOT n.held
ORDER BY n.submission_id, n.indicator, n.breakdown, n.id;
