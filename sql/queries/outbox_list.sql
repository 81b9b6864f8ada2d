-- The outbox, newest first: every message, or those of status $1 when it
-- is not empty; at most $2 rows from the $3-th (0 first).
SELECT id, dedupe_key, kind, recipient, language, subject, body_text, body_html, created_at, status,
       attempts, next_attempt_at, last_error, sent_at
FROM outbox
WHERE $1 = '' OR status = $1
ORDER BY id DESC
LIMIT $2 OFFSET $3;
