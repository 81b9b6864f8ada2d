-- The published figures of an extract with the submission each comes from,
-- in reading order: organisation, year, then the catalogue order of
-- indicators and of breakdown values.
-- $1 = years, $2 = organisation codes, $3 = indicator codes (an empty list
-- means all), $4 = indicator codes in catalogue order, $5 =
-- 'indicator:breakdown' keys in catalogue order.
SELECT organisation, year, indicator, breakdown, value, submission_id
FROM current_observations
WHERE (coalesce(len($1::INTEGER[]), 0) = 0 OR list_contains($1::INTEGER[], year))
  AND (coalesce(len($2::VARCHAR[]), 0) = 0 OR list_contains($2::VARCHAR[], organisation))
  AND (coalesce(len($3::VARCHAR[]), 0) = 0 OR list_contains($3::VARCHAR[], indicator))
ORDER BY organisation, year,
         list_position($4::VARCHAR[], indicator),
         list_position($5::VARCHAR[], indicator || ':' || breakdown),
         breakdown;
