-- The 14 criteria (issue 7): yearly self-assessments and mystery shopping.
--
-- Nothing here is ever updated in place except the status line of an
-- assessment: every change of answers is a new event with its own copy of
-- the answers, so a returned and corrected assessment keeps the version the
-- coordinator returned, and the current answers are those of the event the
-- assessment points to.

CREATE SEQUENCE assessment_ids START 1;

-- One administration's self-assessment for one year, in its current status.
CREATE TABLE assessments (
    id            BIGINT PRIMARY KEY DEFAULT nextval('assessment_ids'),
    organisation  VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    status        VARCHAR NOT NULL,            -- draft, submitted, validated, returned
    version       INTEGER NOT NULL DEFAULT 0,  -- times submitted
    answers_event BIGINT,                      -- the event whose answers are current; NULL before the first save
    comment       VARCHAR NOT NULL DEFAULT '', -- the coordinator's, on return or validation
    updated_by    VARCHAR NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    submitted_by  VARCHAR NOT NULL DEFAULT '',
    submitted_at  TIMESTAMPTZ,
    reviewed_by   VARCHAR NOT NULL DEFAULT '',
    reviewed_at   TIMESTAMPTZ,
    UNIQUE (organisation, year)
);

CREATE SEQUENCE assessment_event_ids START 1;

-- Append-only: every action on an assessment, with who and when.
CREATE TABLE assessment_events (
    id            BIGINT PRIMARY KEY DEFAULT nextval('assessment_event_ids'),
    assessment_id BIGINT NOT NULL,
    action        VARCHAR NOT NULL,            -- save, copy, submit, validate, return
    status        VARCHAR NOT NULL,            -- the status the action led to
    actor         VARCHAR NOT NULL,
    at_time       TIMESTAMPTZ NOT NULL,
    comment       VARCHAR NOT NULL DEFAULT ''  -- the coordinator's, or where a copy came from
);

-- Append-only: the answers as written by a save, copy or submit event.
CREATE TABLE assessment_answers (
    event_id  BIGINT NOT NULL,
    criterion INTEGER NOT NULL CHECK (criterion BETWEEN 1 AND 14),
    state     VARCHAR NOT NULL CHECK (state IN ('', 'met', 'partly', 'not_met')), -- '' while a draft leaves it open
    comment   VARCHAR NOT NULL DEFAULT '',
    evidence  VARCHAR NOT NULL DEFAULT ''
);

CREATE SEQUENCE mystery_check_ids START 1;

-- Append-only: test complaints sent to an administration by a fellow
-- coordinator, as the coordinator recorded them.
CREATE TABLE mystery_checks (
    id                    BIGINT PRIMARY KEY DEFAULT nextval('mystery_check_ids'),
    organisation          VARCHAR NOT NULL,
    sent_on               DATE NOT NULL,
    channel               VARCHAR NOT NULL,
    sent_by               VARCHAR NOT NULL DEFAULT '',
    ack_received          BOOLEAN NOT NULL,
    ack_on                DATE,
    answer_received       BOOLEAN NOT NULL,
    answer_on             DATE,
    second_line_mentioned BOOLEAN NOT NULL,
    notes                 VARCHAR NOT NULL DEFAULT '',
    recorded_by           VARCHAR NOT NULL,
    recorded_at           TIMESTAMPTZ NOT NULL
);

-- The published figures, as in 001, except that for an indicator carried by
-- an approved self-assessment submission (criteria_met) the latest such
-- submission wins over any uploaded file, even a later one: the validated
-- self-assessment is the authority on how many criteria are met, and an
-- upload that disagrees is flagged to the coordinator instead.
CREATE OR REPLACE VIEW current_observations AS
WITH approved AS (
    SELECT o.submission_id, o.organisation, o.year, o.indicator, o.breakdown, o.value, s.version,
        s.kind = 'self_assessment' AS authoritative
    FROM observations o
    JOIN submissions s ON s.id = o.submission_id
    WHERE s.status = 'approved'
),
latest AS (
    SELECT organisation, year, indicator,
        coalesce(max(version) FILTER (WHERE authoritative), max(version)) AS version
    FROM approved
    GROUP BY organisation, year, indicator
)
SELECT a.organisation, a.year, a.indicator, a.breakdown, a.value, a.submission_id
FROM approved a
JOIN latest l USING (organisation, year, indicator, version);
