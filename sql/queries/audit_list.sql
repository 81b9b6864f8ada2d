-- The audit log, newest first, filtered by actor ($1) and action ($2) when
-- they are not empty; count is the entry itself and its repeats.
SELECT l.id, l.at_time, l.actor, l.action, l.subject, l.detail, l.address, 1 + coalesce(r.repeats, 0) AS count
FROM audit_log l
LEFT JOIN audit_repeats r ON r.audit_id = l.id
WHERE ($1 = '' OR l.actor = $1) AND ($2 = '' OR l.action = $2)
ORDER BY l.id DESC
LIMIT $3;
