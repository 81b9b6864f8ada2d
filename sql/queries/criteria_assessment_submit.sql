-- Submits assessment $1 with the answers of event $2 by $3, provided it is
-- still in status $4; each submission is a new version.
UPDATE assessments SET answers_event = $2, status = 'submitted', version = version + 1,
    updated_by = $3, updated_at = now(), submitted_by = $3, submitted_at = now()
WHERE id = $1 AND status = $4
RETURNING id;
