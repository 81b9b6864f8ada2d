-- The audit log, newest first, filtered by actor ($1) and action ($2) when
-- they are not empty, and by time from $3 (inclusive) to $4 (exclusive)
-- when they are not null; $5 entries after the first $6. count is the entry
-- itself and its repeats.
SELECT l.id, l.at_time, l.actor, l.action, l.subject, l.detail, l.address, 1 + coalesce(r.repeats, 0) AS count
FROM audit_log l
LEFT JOIN audit_repeats r ON r.audit_id = l.id
WHERE ($1 = '' OR l.actor = $1) AND ($2 = '' OR l.action = $2)
  AND ($3::TIMESTAMPTZ IS NULL OR l.at_time >= $3::TIMESTAMPTZ)
  AND ($4::TIMESTAMPTZ IS NULL OR l.at_time < $4::TIMESTAMPTZ)
ORDER BY l.id DESC
LIMIT $5 OFFSET $6;
