INSERT INTO api_tokens (account_id, token_hash, prefix, created_at)
VALUES (?, ?, ?, now())
RETURNING id;
