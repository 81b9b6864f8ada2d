-- The account behind a live session, with the session's CSRF token.
SELECT a.id, a.email, a.role, a.organisation, a.disabled, a.created_at, s.csrf_token
FROM sessions s
JOIN accounts a ON a.id = s.account_id
WHERE s.token_hash = ? AND s.expires_at > now() AND NOT a.disabled;
