-- Points assessment $1 at the answers of event $2, with status $3, as
-- changed by $4, provided it is still in status $5 (so that two concurrent
-- changes cannot both pass the state machine).
UPDATE assessments SET answers_event = $2, status = $3, updated_by = $4, updated_at = now()
WHERE id = $1 AND status = $5
RETURNING id;
