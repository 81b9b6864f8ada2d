-- The observations of submission $1.
SELECT organisation, year, indicator, breakdown, value
FROM observations
WHERE submission_id = $1
ORDER BY indicator, breakdown;
