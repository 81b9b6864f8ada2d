-- How many register rows are kept for organisation $1, all uploads.
SELECT count(*)
FROM register_rows r
JOIN register_values v ON v.upload_id = r.upload_id AND v.role = 'organisation' AND v.text = r.organisation
WHERE v.code = $1;
