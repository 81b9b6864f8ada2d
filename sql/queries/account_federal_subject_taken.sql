-- Whether another account is bound to this subject already.
SELECT count(*) > 0 FROM accounts WHERE oidc_subject = ? AND id <> ?;
