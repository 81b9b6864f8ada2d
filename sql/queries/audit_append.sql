INSERT INTO audit_log (at_time, actor, action, subject, detail, address)
VALUES (now(), ?, ?, ?, ?, ?);
