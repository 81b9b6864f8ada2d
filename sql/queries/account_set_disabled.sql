UPDATE accounts SET disabled = ? WHERE id = ?;
