-- Every round, newest year first; $1 = 0 for all, else only that year.
SELECT r.year, r.deadline, r.message_nl, r.message_fr, r.reminder_days, r.change_threshold, r.z_threshold,
       r.require_explanations, r.opened_by, r.opened_at,
       coalesce((SELECT string_agg(o.organisation, ',' ORDER BY o.organisation)
                 FROM round_organisations o WHERE o.year = r.year), '') AS organisations
FROM rounds r
WHERE $1 = 0 OR r.year = $1
ORDER BY r.year DESC;
