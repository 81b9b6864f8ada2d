-- Disables or enables account $2 and returns its email.
UPDATE accounts SET disabled = ? WHERE id = ?
RETURNING email;
