-- Pending messages whose time has come, oldest first.
SELECT id FROM outbox
WHERE status = 'pending' AND next_attempt_at <= ?
ORDER BY id
LIMIT ?;
