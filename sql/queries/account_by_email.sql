SELECT id, email, role, organisation, disabled, created_at, password_hash
FROM accounts
WHERE email = lower(?);
