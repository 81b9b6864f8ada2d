-- Plain (not broken down) published values of every administration in scope,
-- all years: feeds the overview tiles, its trend, who reported, and the
-- network medians on a profile. $1 = group or '', $2 = organisation or ''.
SELECT c.organisation, c.year, c.indicator, c.value
FROM current_observations c
JOIN organisations o ON o.code = c.organisation
WHERE c.breakdown = ''
  AND ($1 = '' OR o.grp = $1)
  AND ($2 = '' OR c.organisation = $2)
ORDER BY c.organisation, c.year, c.indicator;
