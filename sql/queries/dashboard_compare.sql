-- Published values of up to three indicators (the terms of one measure) for a
-- year and the year before, per administration in scope, breakdowns included.
-- $1 = year, $2..$4 = indicator codes (repeated when fewer), $5 = group or '',
-- $6 = organisation or ''.
SELECT c.organisation, c.year, c.indicator, c.breakdown, c.value
FROM current_observations c
WHERE c.year IN ($1, $1 - 1)
  AND c.indicator IN ($2, $3, $4)
  AND ($5 = '' OR EXISTS (
        -- the group the administration was in that year
        SELECT 1 FROM organisation_group_years g
        WHERE g.organisation = c.organisation AND g.grp = $5
          AND c.year >= g.from_year AND (g.to_year IS NULL OR c.year <= g.to_year)))
  AND ($6 = '' OR c.organisation = $6)
ORDER BY c.organisation, c.year, c.indicator, c.breakdown;
