-- The terms of organisation $1, the network's defaults when it set none.
SELECT coalesce(max(ack_days), 5), coalesce(max(answer_days), 30)
FROM organisation_terms
WHERE organisation = $1;
