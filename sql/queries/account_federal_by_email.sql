-- An account as a federal sign-in sees it: its bound subject ('' when
-- none) and whether the person chose its language.
SELECT id, email, role, organisation, disabled, created_at,
       coalesce(oidc_subject, ''), coalesce(language_chosen, false), coalesce(language, '')
FROM accounts
WHERE email = lower(?);
