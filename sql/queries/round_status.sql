-- Each administration expected in round $1: the furthest status its
-- submissions for the year reached (approved, else submitted, else
-- returned, else missing) and when it first submitted. Figures derived from
-- a self-assessment are not a report.
SELECT e.organisation,
       CASE WHEN bool_or(s.status = 'approved') THEN 'approved'
            WHEN bool_or(s.status = 'submitted') THEN 'submitted'
            WHEN bool_or(s.status = 'returned') THEN 'returned'
            ELSE 'missing' END AS status,
       min(s.created_at) AS first_submitted_at
FROM round_organisations e
LEFT JOIN submissions s
       ON s.organisation = e.organisation AND s.year = e.year AND s.kind <> 'self_assessment'
WHERE e.year = $1
GROUP BY e.organisation
ORDER BY e.organisation;
