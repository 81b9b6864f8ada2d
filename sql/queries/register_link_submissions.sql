-- Links upload $1 to the submissions $2 computed from it.
INSERT INTO register_submissions (upload_id, submission_id)
SELECT $1, unnest($2::BIGINT[]);
