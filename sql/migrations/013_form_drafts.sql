-- Issue 28: the online form's drafts, one per account, administration and
-- year, kept until the form's submission is confirmed. The values are the
-- form's fields as typed (a JSON object by field name), so that a draft
-- keeps what does not yet pass as a number.
CREATE TABLE form_drafts (
    account_id   BIGINT NOT NULL,
    organisation VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    fields       VARCHAR NOT NULL,
    saved_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, organisation, year)
);
