-- The history of assessment $1, oldest first, with the answers each event
-- wrote (NULL answer columns for validate and return).
SELECT e.id, e.action, e.status, e.actor, e.at_time, e.comment,
    ans.criterion, ans.state, ans.comment, ans.evidence
FROM assessment_events e
LEFT JOIN assessment_answers ans ON ans.event_id = e.id
WHERE e.assessment_id = $1
ORDER BY e.id, ans.criterion;
