UPDATE accounts SET oidc_subject = NULL WHERE id = ? AND oidc_subject IS NOT NULL
RETURNING email;
