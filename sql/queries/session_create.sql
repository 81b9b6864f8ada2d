INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at)
VALUES (?, ?, ?, now(), now() + to_seconds(?));
