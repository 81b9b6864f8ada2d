-- Accounts, sessions, API tokens and the audit log of issue 4.
CREATE SEQUENCE account_ids START 1;

CREATE TABLE accounts (
    id            BIGINT PRIMARY KEY DEFAULT nextval('account_ids'),
    email         VARCHAR NOT NULL UNIQUE,
    role          VARCHAR NOT NULL,          -- agency, coordinator, analyst
    organisation  VARCHAR NOT NULL DEFAULT '', -- set for agencies only
    password_hash VARCHAR NOT NULL,          -- argon2id, PHC string
    disabled      BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL
);

-- Server-side sessions: the cookie holds a random token, only its hash is
-- stored.
CREATE TABLE sessions (
    token_hash VARCHAR PRIMARY KEY,
    account_id BIGINT NOT NULL,
    csrf_token VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- API tokens: only the hash is stored; revoked ones stay for the audit.
CREATE SEQUENCE token_ids START 1;

CREATE TABLE api_tokens (
    id         BIGINT PRIMARY KEY DEFAULT nextval('token_ids'),
    account_id BIGINT NOT NULL,
    token_hash VARCHAR NOT NULL UNIQUE,
    prefix     VARCHAR NOT NULL,             -- first characters, to tell tokens apart
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- Append-only: the application has no statement that updates or deletes it.
CREATE SEQUENCE audit_ids START 1;

CREATE TABLE audit_log (
    id         BIGINT PRIMARY KEY DEFAULT nextval('audit_ids'),
    at_time    TIMESTAMPTZ NOT NULL,
    actor      VARCHAR NOT NULL,             -- account email, "cli" or "anonymous"
    action     VARCHAR NOT NULL,             -- login, login_failed, upload, approve, ...
    subject    VARCHAR NOT NULL DEFAULT '',  -- what it acted on (submission id, account email...)
    detail     VARCHAR NOT NULL DEFAULT '',
    address    VARCHAR NOT NULL DEFAULT ''
);
