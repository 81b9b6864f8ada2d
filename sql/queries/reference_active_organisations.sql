-- The administrations that must report for year $1: active in it.
SELECT code
FROM organisations
WHERE first_year <= $1 AND (last_year IS NULL OR last_year >= $1)
ORDER BY code;
