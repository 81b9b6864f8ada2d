-- Plain (not broken down) published values of every administration in scope,
-- all years: feeds the overview tiles, its trend, who reported, and the
-- network medians on a profile. $1 = group or '', $2 = organisation or ''.
SELECT c.organisation, c.year, c.indicator, c.value
FROM current_observations c
WHERE c.breakdown = ''
  AND ($1 = '' OR EXISTS (
        -- the group the administration was in that year
        SELECT 1 FROM organisation_group_years g
        WHERE g.organisation = c.organisation AND g.grp = $1
          AND c.year >= g.from_year AND (g.to_year IS NULL OR c.year <= g.to_year)))
  AND ($2 = '' OR c.organisation = $2)
ORDER BY c.organisation, c.year, c.indicator;
