-- A message planned twice (same key) is added once.
INSERT INTO outbox (dedupe_key, kind, recipient, language, subject, body_text, body_html, created_at, status, next_attempt_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
ON CONFLICT DO NOTHING
RETURNING id;
