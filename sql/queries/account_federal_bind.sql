UPDATE accounts SET oidc_subject = ? WHERE id = ? AND oidc_subject IS NULL;
