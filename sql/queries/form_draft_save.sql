INSERT INTO form_drafts (account_id, organisation, year, fields, saved_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (account_id, organisation, year) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at;
