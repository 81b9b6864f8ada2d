UPDATE accounts SET language = ? WHERE id = ?;
