-- When the oldest message still waiting to be sent was written; NULL when
-- none waits.
SELECT min(created_at) FROM outbox WHERE status IN ('pending', 'sending');
