-- The accounts that receive e-mail: every account not disabled, with the
-- language of its messages.
SELECT id, email, role, organisation, coalesce(language, 'nl')
FROM accounts
WHERE NOT disabled
ORDER BY email;
