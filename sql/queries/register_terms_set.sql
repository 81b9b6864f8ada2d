-- Sets the terms of organisation $1: $2 acknowledgement, $3 answer, in days;
-- $4 true when they are working days.
INSERT INTO organisation_terms (organisation, ack_days, answer_days, working_days)
VALUES ($1, $2, $3, $4)
ON CONFLICT (organisation) DO UPDATE SET ack_days = excluded.ack_days, answer_days = excluded.answer_days,
    working_days = excluded.working_days;
