-- The self-assessment of organisation $1 for year $2 with its current
-- answers, one row per answer (one row with NULL answer columns before the
-- first save).
SELECT a.id, a.organisation, a.year, a.status, a.version, a.comment, a.updated_by, a.updated_at,
    a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at,
    ans.criterion, ans.state, ans.comment, ans.evidence
FROM assessments a
LEFT JOIN assessment_answers ans ON ans.event_id = a.answers_event
WHERE a.organisation = $1 AND a.year = $2
ORDER BY ans.criterion;
