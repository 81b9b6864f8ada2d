-- Ends every session of an account.
DELETE FROM sessions WHERE account_id = ?;
