-- Sets the terms of organisation $1: $2 acknowledgement, $3 answer, in days.
INSERT INTO organisation_terms (organisation, ack_days, answer_days)
VALUES ($1, $2, $3)
ON CONFLICT (organisation) DO UPDATE SET ack_days = excluded.ack_days, answer_days = excluded.answer_days;
