-- Reference data, refreshed from the embedded catalogue at every start.
CREATE TABLE organisations (
    code        VARCHAR PRIMARY KEY,
    name_nl     VARCHAR NOT NULL,
    name_fr     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    second_line VARCHAR NOT NULL,
    grp         VARCHAR NOT NULL
);

CREATE TABLE indicators (
    code       VARCHAR PRIMARY KEY,
    unit       VARCHAR NOT NULL,
    breakdown  VARCHAR NOT NULL,
    label_nl   VARCHAR NOT NULL,
    label_fr   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL,
    definition VARCHAR NOT NULL
);

CREATE SEQUENCE submission_ids START 1;

-- One administration's upload for one year. Never deleted: a newer approved
-- submission supersedes the indicators it carries (see current_observations).
CREATE TABLE submissions (
    id           BIGINT PRIMARY KEY DEFAULT nextval('submission_ids'),
    organisation VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,
    comment      VARCHAR NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation, year, version)
);

-- No index here on purpose: bulk loads go through the Appender, and the
-- importer guarantees one value per (submission, indicator, breakdown).
CREATE TABLE observations (
    submission_id BIGINT NOT NULL,
    organisation  VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    indicator     VARCHAR NOT NULL,
    breakdown     VARCHAR NOT NULL,
    value         DOUBLE NOT NULL
);

-- The published figures: for each (organisation, year, indicator) the values
-- of the latest approved submission that carries that indicator.
CREATE VIEW current_observations AS
WITH approved AS (
    SELECT o.submission_id, o.organisation, o.year, o.indicator, o.breakdown, o.value, s.version
    FROM observations o
    JOIN submissions s ON s.id = o.submission_id
    WHERE s.status = 'approved'
),
latest AS (
    SELECT organisation, year, indicator, max(version) AS version
    FROM approved
    GROUP BY organisation, year, indicator
)
SELECT a.organisation, a.year, a.indicator, a.breakdown, a.value, a.submission_id
FROM approved a
JOIN latest l USING (organisation, year, indicator, version);
