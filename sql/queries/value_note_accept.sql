-- The coordinator accepts the held notes of submission $1: they are
-- published. Returns the notes accepted.
UPDATE value_notes SET held = false
WHERE submission_id = $1 AND held
RETURNING id;
