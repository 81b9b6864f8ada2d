-- Reference data run by the coordinator (issue 11). The embedded files seed
-- these tables once per item (reference_seed remembers which); afterwards
-- only the coordinator changes them, and nothing is deleted: an
-- administration ends (last_year) instead of disappearing.
--
-- The child tables have no key on purpose: a change rewrites an item's rows
-- (delete, insert) in one transaction, which a DuckDB index would refuse;
-- the application checks their uniqueness before writing.

ALTER TABLE organisations ADD COLUMN first_year INTEGER DEFAULT 2011;
ALTER TABLE organisations ADD COLUMN last_year INTEGER;   -- NULL while active
ALTER TABLE indicators ADD COLUMN first_year INTEGER DEFAULT 2011;
-- Catalogue order (the seed files' order, then in order of creation).
ALTER TABLE organisations ADD COLUMN position INTEGER DEFAULT 0;
ALTER TABLE indicators ADD COLUMN position INTEGER DEFAULT 0;

CREATE TABLE groups (
    code    VARCHAR PRIMARY KEY,
    name_nl VARCHAR NOT NULL,
    name_fr VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL
);

-- Abbreviations and other names an administration is recognised by in uploads.
CREATE TABLE organisation_names (
    organisation VARCHAR NOT NULL,
    name         VARCHAR NOT NULL
);

-- Membership is per year: from from_year until the administration's next row.
CREATE TABLE organisation_groups (
    organisation VARCHAR NOT NULL,
    from_year    INTEGER NOT NULL,
    grp          VARCHAR NOT NULL
);

INSERT INTO organisation_groups SELECT code, 2011, grp FROM organisations;

-- The administration that takes over from year on (a merger or a split).
CREATE TABLE organisation_successors (
    organisation VARCHAR NOT NULL,
    successor    VARCHAR NOT NULL,
    year         INTEGER NOT NULL
);

-- Every version of every definition: valid from from_year until the next
-- version in the same language.
CREATE TABLE indicator_definitions (
    indicator VARCHAR NOT NULL,
    lang      VARCHAR NOT NULL,
    from_year INTEGER NOT NULL,
    text      VARCHAR NOT NULL
);

-- The seed items already applied ('organisation:FIN', 'indicator:received',
-- 'group:other'): a new build adds its new items, never overwrites.
CREATE TABLE reference_seed (item VARCHAR PRIMARY KEY);

-- Moves at every change of the reference, so cached pages follow it.
CREATE TABLE reference_revision (revision BIGINT NOT NULL);
INSERT INTO reference_revision VALUES (0);

-- Which group an administration is in, year by year (to_year NULL: open).
CREATE VIEW organisation_group_years AS
SELECT organisation, grp, from_year,
       lead(from_year) OVER (PARTITION BY organisation ORDER BY from_year) - 1 AS to_year
FROM organisation_groups;
