-- Marks a pending message as being sent: from here on it is never sent
-- again by this or another process, even if the send is interrupted.
UPDATE outbox SET status = 'sending', attempts = attempts + 1
WHERE id = ? AND status = 'pending'
RETURNING id, dedupe_key, kind, recipient, language, subject, body_text, body_html, created_at, status,
          attempts, next_attempt_at, last_error, sent_at;
