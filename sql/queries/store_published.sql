-- The published figures, filtered by years ($1), organisations ($2) and
-- indicators ($3); an empty list does not filter.
SELECT organisation, year, indicator, breakdown, value
FROM current_observations
WHERE (len($1::INTEGER[]) = 0 OR list_contains($1::INTEGER[], year))
  AND (len($2::VARCHAR[]) = 0 OR list_contains($2::VARCHAR[], organisation))
  AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], indicator))
ORDER BY organisation, year, indicator, breakdown;
