DELETE FROM sessions WHERE token_hash = ? OR expires_at <= now();
