-- API tokens with their account, newest first: those of one account ($1),
-- or everyone's when $1 is 0.
SELECT t.id, t.prefix, t.created_at, t.revoked_at, a.id, a.email
FROM api_tokens t
JOIN accounts a ON a.id = t.account_id
WHERE $1 = 0 OR t.account_id = $1
ORDER BY t.id DESC;
