-- A page of the notes of submission $1, in the order of value_note_list
-- (by value, then as written); at most $2 rows from the $3-th (0 first).
SELECT id, submission_id, indicator, breakdown, kind, author, body, created_at, held
FROM value_notes
WHERE submission_id = $1
ORDER BY indicator, breakdown, id
LIMIT $2 OFFSET $3;
