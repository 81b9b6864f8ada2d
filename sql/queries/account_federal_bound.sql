-- The accounts bound to a federal identity.
SELECT id FROM accounts WHERE oidc_subject IS NOT NULL;
