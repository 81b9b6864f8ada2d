-- The uploads that no submission came from: the rows a process stopped
-- between keeping them and computing their submissions (killed, or the
-- machine went down) left behind; nothing else can read them.
SELECT id FROM register_uploads
WHERE id NOT IN (SELECT upload_id FROM register_submissions)
ORDER BY id;
