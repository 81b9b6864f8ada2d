-- The organisation ($1) and indicator ($2) codes of a file that the
-- reference tables do not know.
SELECT 'organisation' AS kind, t.code
FROM unnest($1::VARCHAR[]) AS t(code)
WHERE t.code NOT IN (SELECT code FROM organisations)
UNION ALL
SELECT 'indicator' AS kind, t.code
FROM unnest($2::VARCHAR[]) AS t(code)
WHERE t.code NOT IN (SELECT code FROM indicators)
ORDER BY kind, code;
