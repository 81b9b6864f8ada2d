-- Removes the record of upload $1 (see register_delete_rows).
DELETE FROM register_uploads WHERE id = $1;
