-- The answers written by event $1: criteria $2, states $3, comments $4 and
-- evidence $5, lists of the same length.
INSERT INTO assessment_answers (event_id, criterion, state, comment, evidence)
SELECT $1, unnest($2::INTEGER[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]), unnest($5::VARCHAR[]);
