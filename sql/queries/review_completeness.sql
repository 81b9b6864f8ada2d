-- For each organisation and year with a submission, the furthest status it
-- reached: approved, else submitted (waiting), else returned.
SELECT organisation, year,
       CASE WHEN bool_or(status = 'approved') THEN 'approved'
            WHEN bool_or(status = 'submitted') THEN 'submitted'
            ELSE 'returned' END AS status,
       max(created_at) AS last_at
FROM submissions
GROUP BY organisation, year
ORDER BY organisation, year;
