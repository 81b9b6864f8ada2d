SELECT id, dedupe_key, kind, recipient, language, subject, body_text, body_html, created_at, status,
       attempts, next_attempt_at, last_error, sent_at
FROM outbox
WHERE $1 = '' OR status = $1
ORDER BY id DESC
LIMIT $2;
