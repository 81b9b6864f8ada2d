SELECT fields, saved_at FROM form_drafts WHERE account_id = ? AND organisation = ? AND year = ?;
