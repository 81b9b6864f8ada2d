-- Complaint registers (issue 6): one row per complaint, kept so that the
-- indicators can be recomputed when a definition changes; never published.

CREATE SEQUENCE register_upload_ids START 1;

-- One uploaded register file.
CREATE TABLE register_uploads (
    id         BIGINT PRIMARY KEY DEFAULT nextval('register_upload_ids'),
    file_name  VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- The rows of a register as written (dates parsed, labels as the file spells
-- them): DuckDB loads a CSV straight into this table, so the labels are
-- turned into codes through register_values rather than row by row.
CREATE TABLE register_rows (
    upload_id    BIGINT NOT NULL,
    organisation VARCHAR,
    complaint    VARCHAR,
    received     DATE,
    channel      VARCHAR,
    language     VARCHAR,
    admissible   VARCHAR,
    outcome      VARCHAR,
    type         VARCHAR,
    ack          DATE,
    closed       DATE,
    second_line  VARCHAR
);

-- How each distinct text of an upload was read: role is organisation,
-- channel, language, admissible, outcome, type or second_line; code is the
-- reference code, or yes/no for admissible and second_line.
CREATE TABLE register_values (
    upload_id BIGINT NOT NULL,
    role      VARCHAR NOT NULL,
    text      VARCHAR NOT NULL,
    code      VARCHAR NOT NULL
);

-- The submissions computed from an upload.
CREATE TABLE register_submissions (
    upload_id     BIGINT NOT NULL,
    submission_id BIGINT NOT NULL
);

-- The terms an organisation announces, in calendar days; an organisation
-- without a row has the network's defaults (5 and 30).
CREATE TABLE organisation_terms (
    organisation VARCHAR PRIMARY KEY,
    ack_days     INTEGER NOT NULL DEFAULT 5,
    answer_days  INTEGER NOT NULL DEFAULT 30
);
