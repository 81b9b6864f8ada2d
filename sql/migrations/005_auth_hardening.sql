-- Issue 17 (part A). A burst of blocked logins from one address for one
-- account within one window is one entry of audit_log and a count here, so
-- that it cannot flood the audit view. audit_log itself stays append-only.
CREATE TABLE audit_repeats (
    audit_id BIGINT PRIMARY KEY,      -- the entry of audit_log that is repeated
    repeats  BIGINT NOT NULL,         -- attempts after the entry's own
    last_at  TIMESTAMPTZ NOT NULL     -- when the latest one came
);
