SELECT id, email, role, organisation, disabled, created_at
FROM accounts
ORDER BY email;
