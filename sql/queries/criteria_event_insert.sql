-- Appends action $2 on assessment $1, leading to status $3, by $4 with
-- comment $5.
INSERT INTO assessment_events (assessment_id, action, status, actor, at_time, comment)
VALUES ($1, $2, $3, $4, now(), $5)
RETURNING id;
