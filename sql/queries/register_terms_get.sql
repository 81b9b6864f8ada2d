-- The terms of organisation $1, the network's defaults (5 and 30 calendar
-- days) when it set none.
SELECT coalesce(max(ack_days), 5), coalesce(max(answer_days), 30), coalesce(bool_or(working_days), false)
FROM organisation_terms
WHERE organisation = $1;
