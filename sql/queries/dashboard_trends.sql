-- Plain published values of up to three indicators (the terms of one measure)
-- over all years, per administration in scope. $1..$3 = indicator codes
-- (repeated when fewer), $4 = group or '', $5 = organisation or ''.
SELECT c.organisation, c.year, c.indicator, c.value
FROM current_observations c
JOIN organisations o ON o.code = c.organisation
WHERE c.breakdown = ''
  AND c.indicator IN ($1, $2, $3)
  AND ($4 = '' OR o.grp = $4)
  AND ($5 = '' OR c.organisation = $5)
ORDER BY c.organisation, c.year, c.indicator;
