-- Validates or returns (status $2) the submitted assessment $1, by $3 with
-- comment $4, and returns its organisation and year.
UPDATE assessments SET status = $2, comment = $4, updated_by = $3, updated_at = now(),
    reviewed_by = $3, reviewed_at = now()
WHERE id = $1 AND status = 'submitted'
RETURNING organisation, year;
