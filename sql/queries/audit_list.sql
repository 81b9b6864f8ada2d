-- The audit log, newest first, filtered by actor ($1) and action ($2) when
-- they are not empty.
SELECT id, at_time, actor, action, subject, detail, address
FROM audit_log
WHERE ($1 = '' OR actor = $1) AND ($2 = '' OR action = $2)
ORDER BY id DESC
LIMIT $3;
