-- The validated self-assessments of year $1 of the organisations in group
-- $2 (every group when empty), one row per answer: the network matrix, its
-- counts per criterion and its XLSX. Membership is that of year $1.
SELECT a.id, a.organisation, a.year, a.status, a.version, a.comment, a.updated_by, a.updated_at,
    a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at,
    ans.criterion, ans.state, ans.comment, ans.evidence
FROM assessments a
LEFT JOIN assessment_answers ans ON ans.event_id = a.answers_event
WHERE a.year = $1 AND a.status = 'validated'
  AND ($2 = '' OR (SELECT g.grp FROM organisation_groups g WHERE g.organisation = a.organisation AND g.from_year <= $1
                   ORDER BY g.from_year DESC LIMIT 1) = $2)
ORDER BY a.organisation, ans.criterion;
