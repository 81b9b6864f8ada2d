-- For each organisation, its latest mystery-shopping check sent in year $1
-- or before (any year when $1 is 0).
SELECT id, organisation, sent_on, channel, sent_by, ack_received, ack_on, answer_received, answer_on,
    second_line_mentioned, notes, recorded_by, recorded_at
FROM mystery_checks
WHERE $1 = 0 OR year(sent_on) <= $1
QUALIFY row_number() OVER (PARTITION BY organisation ORDER BY sent_on DESC, id DESC) = 1
ORDER BY organisation;
