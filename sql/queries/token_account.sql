-- The account behind a valid (not revoked) API token.
SELECT a.id, a.email, a.role, a.organisation, a.disabled, a.created_at
FROM api_tokens t
JOIN accounts a ON a.id = t.account_id
WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT a.disabled;
