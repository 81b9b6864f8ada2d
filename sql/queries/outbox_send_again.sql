-- The coordinator sends a failed message again: it is due at once and its
-- attempts count afresh; the last error stays shown until the next attempt.
UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'failed';
