-- Messages left "sending" by a process that stopped mid-send may or may
-- not have arrived: they are not sent again, but shown as failed.
UPDATE outbox SET status = 'failed', last_error = ? WHERE status = 'sending';
