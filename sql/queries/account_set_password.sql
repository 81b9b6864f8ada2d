UPDATE accounts SET password_hash = ? WHERE id = ?;
