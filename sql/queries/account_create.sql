INSERT INTO accounts (email, role, organisation, password_hash, created_at)
VALUES (?, ?, ?, ?, now())
RETURNING id, email, role, organisation, disabled, created_at;
