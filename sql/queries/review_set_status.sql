-- Approves or returns a submission that is still waiting for review.
UPDATE submissions SET status = $1, comment = $2
WHERE id = $3 AND status = 'submitted'
RETURNING id;
