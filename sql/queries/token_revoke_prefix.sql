-- Revokes the live tokens with this prefix ($1): of one account ($2), or of
-- anyone when $2 is 0. Returns the accounts they belonged to.
UPDATE api_tokens SET revoked_at = now()
WHERE prefix = $1 AND revoked_at IS NULL AND ($2 = 0 OR account_id = $2)
RETURNING account_id;
