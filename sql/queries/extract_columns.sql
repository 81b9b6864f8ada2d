-- The indicators and breakdown values that hold published figures within an
-- extract's filters: the columns of its wide layout and the entries of its
-- Definitions sheet. Parameters as in extract_rows.
SELECT indicator, breakdown
FROM current_observations
WHERE (coalesce(len($1::INTEGER[]), 0) = 0 OR list_contains($1::INTEGER[], year))
  AND (coalesce(len($2::VARCHAR[]), 0) = 0 OR list_contains($2::VARCHAR[], organisation))
  AND (coalesce(len($3::VARCHAR[]), 0) = 0 OR list_contains($3::VARCHAR[], indicator))
GROUP BY indicator, breakdown
ORDER BY list_position($4::VARCHAR[], indicator),
         list_position($5::VARCHAR[], indicator || ':' || breakdown),
         breakdown;
