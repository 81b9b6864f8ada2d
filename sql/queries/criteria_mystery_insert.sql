-- Records a mystery-shopping check.
INSERT INTO mystery_checks (organisation, sent_on, channel, sent_by, ack_received, ack_on,
    answer_received, answer_on, second_line_mentioned, notes, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
RETURNING id, recorded_at;
