-- The self-assessments waiting for the coordinator, oldest submission
-- first, one row per answer.
SELECT a.id, a.organisation, a.year, a.status, a.version, a.comment, a.updated_by, a.updated_at,
    a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at,
    ans.criterion, ans.state, ans.comment, ans.evidence
FROM assessments a
LEFT JOIN assessment_answers ans ON ans.event_id = a.answers_event
WHERE a.status = 'submitted'
ORDER BY a.submitted_at, a.id, ans.criterion;
