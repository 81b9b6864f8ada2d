-- The published values of organisation $1 for year $2.
SELECT organisation, year, indicator, breakdown, value
FROM current_observations
WHERE organisation = $1 AND year = $2
ORDER BY indicator, breakdown;
