-- Issue 25: sign-in with the federal authentication service (FAS).
-- The provider's subject ("sub") an account is bound to at its first
-- federal sign-in; NULL while it is not bound (a coordinator may unbind it).
ALTER TABLE accounts ADD COLUMN oidc_subject VARCHAR;

-- Whether the person chose the language of their account on /account; until
-- then the locale of their federal identity may set it. Accounts whose
-- choice is in the audit log made it before this migration.
ALTER TABLE accounts ADD COLUMN language_chosen BOOLEAN DEFAULT false;
UPDATE accounts SET language_chosen = true
WHERE email IN (SELECT subject FROM audit_log WHERE action = 'account_language');
