-- Benchmarks only: the three tables register_indicators.sql reads, in a
-- database of its own (no migrations), as register_rows etc. of 003.
CREATE TABLE register_rows (
    upload_id BIGINT NOT NULL, organisation VARCHAR, complaint VARCHAR, received DATE,
    channel VARCHAR, language VARCHAR, admissible VARCHAR, outcome VARCHAR, type VARCHAR,
    ack DATE, closed DATE, second_line VARCHAR
);
CREATE TABLE register_values (upload_id BIGINT NOT NULL, role VARCHAR NOT NULL, text VARCHAR NOT NULL, code VARCHAR NOT NULL);
CREATE TABLE organisation_terms (organisation VARCHAR PRIMARY KEY, ack_days INTEGER NOT NULL DEFAULT 5, answer_days INTEGER NOT NULL DEFAULT 30,
    working_days BOOLEAN NOT NULL DEFAULT false);
