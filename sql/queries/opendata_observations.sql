-- The published figures as the open-data files carry them: the columns and
-- order of the CSV export.
SELECT organisation, year, indicator, breakdown, value
FROM current_observations
ORDER BY organisation, year, indicator, breakdown
