-- The mystery-shopping checks of organisation $1 (all when empty), latest
-- sent first.
SELECT id, organisation, sent_on, channel, sent_by, ack_received, ack_on, answer_received, answer_on,
    second_line_mentioned, notes, recorded_by, recorded_at
FROM mystery_checks
WHERE $1 = '' OR organisation = $1
ORDER BY sent_on DESC, id DESC;
