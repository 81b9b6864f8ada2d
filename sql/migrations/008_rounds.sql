-- Collection rounds, the e-mail outbox, the account's language for e-mail,
-- and the notes on values of a submission (issue 12).

-- The language an account's e-mails are written in (nl, fr or en).
ALTER TABLE accounts ADD COLUMN language VARCHAR DEFAULT 'nl';

-- One collection round per year: its deadline (the whole day counts, in
-- Belgian time), the coordinator's message, the reminders and the settings
-- of the check on values that look wrong.
CREATE TABLE rounds (
    year                 INTEGER PRIMARY KEY,
    deadline             DATE NOT NULL,
    message_nl           VARCHAR NOT NULL DEFAULT '',
    message_fr           VARCHAR NOT NULL DEFAULT '',
    reminder_days        VARCHAR NOT NULL DEFAULT '14,3', -- days before the deadline
    change_threshold     DOUBLE NOT NULL DEFAULT 0.5,     -- a change on the previous year above 50 % is flagged
    z_threshold          DOUBLE NOT NULL DEFAULT 3.5,     -- modified z-score above which a value is flagged
    require_explanations BOOLEAN NOT NULL DEFAULT false,  -- a flagged value needs an explanation
    opened_by            VARCHAR NOT NULL,
    opened_at            TIMESTAMPTZ NOT NULL
);

-- The administrations expected to report in a round.
CREATE TABLE round_organisations (
    year         INTEGER NOT NULL,
    organisation VARCHAR NOT NULL,
    PRIMARY KEY (year, organisation)
);

-- Every e-mail is written here first, then sent. The key makes a planned
-- message unique (a reminder per round, stage and account), so that a
-- planner running again, also after a restart, adds nothing twice.
CREATE SEQUENCE outbox_ids START 1;

CREATE TABLE outbox (
    id              BIGINT PRIMARY KEY DEFAULT nextval('outbox_ids'),
    dedupe_key      VARCHAR NOT NULL UNIQUE,
    kind            VARCHAR NOT NULL,          -- round_open, reminder, overdue, digest, returned
    recipient       VARCHAR NOT NULL,
    language        VARCHAR NOT NULL,
    subject         VARCHAR NOT NULL,
    body_text       VARCHAR NOT NULL,
    body_html       VARCHAR NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    status          VARCHAR NOT NULL,          -- pending, sending, sent, failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      VARCHAR NOT NULL DEFAULT '',
    sent_at         TIMESTAMPTZ
);

-- Notes on one value of a submission: the agency's explanation, the
-- coordinator's questions and the agency's answers, in order.
CREATE SEQUENCE value_note_ids START 1;

CREATE TABLE value_notes (
    id            BIGINT PRIMARY KEY DEFAULT nextval('value_note_ids'),
    submission_id BIGINT NOT NULL,
    indicator     VARCHAR NOT NULL,
    breakdown     VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,            -- explanation, question, answer
    author        VARCHAR NOT NULL,
    body          VARCHAR NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
