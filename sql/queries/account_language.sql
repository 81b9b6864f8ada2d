SELECT coalesce(language, 'nl') FROM accounts WHERE id = ?;
