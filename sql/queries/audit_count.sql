-- How many entries of the audit log audit_list selects with the same
-- filters ($1 actor, $2 action, $3 from, $4 to): the total of its pages.
SELECT count(*)
FROM audit_log l
WHERE ($1 = '' OR l.actor = $1) AND ($2 = '' OR l.action = $2)
  AND ($3::TIMESTAMPTZ IS NULL OR l.at_time >= $3::TIMESTAMPTZ)
  AND ($4::TIMESTAMPTZ IS NULL OR l.at_time < $4::TIMESTAMPTZ);
