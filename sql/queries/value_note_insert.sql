INSERT INTO value_notes (submission_id, indicator, breakdown, kind, author, body, created_at, held)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id, submission_id, indicator, breakdown, kind, author, body, created_at, held;
