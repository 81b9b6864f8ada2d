-- One more repeat of an audit entry.
INSERT INTO audit_repeats (audit_id, repeats, last_at)
VALUES (?, 1, now())
ON CONFLICT (audit_id) DO UPDATE SET repeats = audit_repeats.repeats + 1, last_at = now();
