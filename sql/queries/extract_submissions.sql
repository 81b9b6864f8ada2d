-- The submissions an extract's figures come from, for its About sheet.
-- $1 = submission ids.
SELECT id, organisation, year, version, file_name, sha256, source, kind, status, comment, created_at
FROM submissions
WHERE list_contains($1::BIGINT[], id)
ORDER BY organisation, year, version;
