UPDATE accounts SET language = ?, language_chosen = true WHERE id = ?;
