DELETE FROM form_drafts WHERE account_id = ? AND organisation = ? AND year = ?;
