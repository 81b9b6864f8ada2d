-- The last attempt failed: the message is not tried again.
UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending';
