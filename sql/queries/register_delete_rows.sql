-- Removes the rows of upload $1, when its computation failed or found the
-- same register already stored.
DELETE FROM register_rows WHERE upload_id = $1;
