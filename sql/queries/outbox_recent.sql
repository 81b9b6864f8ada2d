-- Whether a message whose key starts with $1 was written after $2.
SELECT count(*) > 0
FROM outbox
WHERE starts_with(dedupe_key, $1) AND created_at > $2;
