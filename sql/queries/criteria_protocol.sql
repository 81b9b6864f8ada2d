-- The organisations (of group $2, or all when empty) whose validated
-- self-assessment for year $1 meets all $3 criteria, with the first year of
-- the unbroken run of such years that ends at $1: they may sign the
-- protocol with the Federal Ombudsman, and have been able to since then.
-- Membership is that of year $1.
WITH complete AS (
    SELECT a.organisation, a.year
    FROM assessments a
    JOIN assessment_answers ans ON ans.event_id = a.answers_event
    WHERE a.status = 'validated' AND a.year <= $1
    GROUP BY a.organisation, a.year
    HAVING count(*) FILTER (WHERE ans.state = 'met') = $3
),
runs AS (
    -- consecutive years share year - rank
    SELECT organisation, year, year - row_number() OVER (PARTITION BY organisation ORDER BY year) AS run
    FROM complete
)
SELECT r.organisation, min(r.year) AS since
FROM runs r
WHERE $2 = '' OR (SELECT g.grp FROM organisation_groups g WHERE g.organisation = r.organisation AND g.from_year <= $1
                  ORDER BY g.from_year DESC LIMIT 1) = $2
GROUP BY r.organisation, r.run
HAVING max(r.year) = $1
ORDER BY r.organisation;
