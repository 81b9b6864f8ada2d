-- The self-assessments of organisation $1 over the years, validated ones
-- only when $2, one row per answer.
SELECT a.id, a.organisation, a.year, a.status, a.version, a.comment, a.updated_by, a.updated_at,
    a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at,
    ans.criterion, ans.state, ans.comment, ans.evidence
FROM assessments a
LEFT JOIN assessment_answers ans ON ans.event_id = a.answers_event
WHERE a.organisation = $1 AND (NOT $2 OR a.status = 'validated')
ORDER BY a.year, ans.criterion;
