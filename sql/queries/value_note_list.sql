SELECT id, submission_id, indicator, breakdown, kind, author, body, created_at, held
FROM value_notes
WHERE submission_id = ?
ORDER BY indicator, breakdown, id;
