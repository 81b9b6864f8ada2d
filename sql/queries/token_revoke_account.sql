-- Revokes every live token of an account.
UPDATE api_tokens SET revoked_at = now()
WHERE account_id = ? AND revoked_at IS NULL;
