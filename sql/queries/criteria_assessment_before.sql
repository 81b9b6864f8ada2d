-- The latest self-assessment of organisation $1 before year $2 that has
-- answers, whatever its status: what "copy last year" starts from.
SELECT a.id, a.organisation, a.year, a.status, a.version, a.comment, a.updated_by, a.updated_at,
    a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at,
    ans.criterion, ans.state, ans.comment, ans.evidence
FROM assessments a
JOIN assessment_answers ans ON ans.event_id = a.answers_event
WHERE a.id = (
    SELECT id FROM assessments
    WHERE organisation = $1 AND year < $2 AND answers_event IS NOT NULL
    ORDER BY year DESC
    LIMIT 1
)
ORDER BY ans.criterion;
