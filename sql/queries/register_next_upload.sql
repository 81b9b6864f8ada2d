-- The id of a new register upload, taken before its rows are loaded.
SELECT nextval('register_upload_ids');
