-- Revokes the tokens of an account, all of them or the one with this prefix.
UPDATE api_tokens SET revoked_at = now()
WHERE account_id = $1 AND revoked_at IS NULL AND ($2 = '' OR prefix = $2)
RETURNING id;
