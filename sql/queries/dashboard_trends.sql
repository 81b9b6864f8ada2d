-- Plain published values of up to three indicators (the terms of one measure)
-- over all years, per administration in scope. $1..$3 = indicator codes
-- (repeated when fewer), $4 = group or '', $5 = organisation or ''.
SELECT c.organisation, c.year, c.indicator, c.value
FROM current_observations c
WHERE c.breakdown = ''
  AND c.indicator IN ($1, $2, $3)
  AND ($4 = '' OR EXISTS (
        -- the group the administration was in that year
        SELECT 1 FROM organisation_group_years g
        WHERE g.organisation = c.organisation AND g.grp = $4
          AND c.year >= g.from_year AND (g.to_year IS NULL OR c.year <= g.to_year)))
  AND ($5 = '' OR c.organisation = $5)
ORDER BY c.organisation, c.year, c.indicator;
