-- A failed attempt: back to pending, tried again at the given time.
UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending';
