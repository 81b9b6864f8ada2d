-- Removes how the texts of upload $1 were read (see register_delete_rows).
DELETE FROM register_values WHERE upload_id = $1;
