-- The email of account $1, for the audit log.
SELECT email FROM accounts WHERE id = ?;
