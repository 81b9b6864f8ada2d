-- When the published figures last changed: the latest approved submission's
-- arrival or the latest approval, whichever is later; NULL when nothing is
-- published.
SELECT greatest(
    (SELECT max(created_at) FROM submissions WHERE status = 'approved'),
    (SELECT max(at_time) FROM audit_log WHERE action = 'approve')
)
