-- The latest entry of this action, subject, address and actor ($5) younger
-- than the window ($4 seconds), that a repeat is counted on; 0 when there
-- is none.
SELECT coalesce(max(id), 0)
FROM audit_log
WHERE action = $1 AND subject = $2 AND address = $3 AND actor = $5 AND at_time > now() - to_seconds($4);
