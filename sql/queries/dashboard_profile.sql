-- Every published value of one administration, breakdowns included. $1 = code.
SELECT organisation, year, indicator, breakdown, value
FROM current_observations
WHERE organisation = $1
ORDER BY year, indicator, breakdown;
