-- Uploaded criteria_met values that disagree with the validated
-- self-assessment of the same organisation and year: for each
-- organisation-year, the latest non-returned file or register submission
-- that carries criteria_met, when its value is not the number of criteria
-- met.
WITH derived AS (
    SELECT a.organisation, a.year, count(*) FILTER (WHERE ans.state = 'met') AS met
    FROM assessments a
    JOIN assessment_answers ans ON ans.event_id = a.answers_event
    WHERE a.status = 'validated'
    GROUP BY a.organisation, a.year
),
uploaded AS (
    SELECT s.id, s.organisation, s.year, s.status, o.value,
        row_number() OVER (PARTITION BY s.organisation, s.year ORDER BY s.version DESC) AS rank
    FROM submissions s
    JOIN observations o ON o.submission_id = s.id
    WHERE o.indicator = 'criteria_met' AND s.kind <> 'self_assessment' AND s.status <> 'returned'
)
SELECT u.organisation, u.year, u.value, d.met, u.id, u.status
FROM uploaded u
JOIN derived d ON d.organisation = u.organisation AND d.year = u.year
WHERE u.rank = 1 AND u.value <> d.met
ORDER BY u.year DESC, u.organisation;
