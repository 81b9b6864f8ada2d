-- Fair comparison (issue 15): terms in working days, the unit of each
-- administration's activity volume, the coordinator's thresholds and the
-- targets per rate.

-- Terms in working days: Saturdays, Sundays and the federal public holidays
-- (computed per year by internal/workdays) do not count.
ALTER TABLE organisation_terms ADD COLUMN working_days BOOLEAN DEFAULT false;

-- What an administration's activity_volume counts: files, decisions or
-- contacts. Without a row the unit is not stated.
CREATE TABLE activity_units (
    organisation VARCHAR PRIMARY KEY,
    unit         VARCHAR NOT NULL
);

-- The coordinator's thresholds, one row each:
--   small_n               a rate whose denominator is below it is shown with
--                         its n, greyed, and left out of rankings and medians
--   band_volume_medium    activity volume from which an administration is
--   band_volume_large     medium, resp. large
--   band_received_medium  the same by complaints received, for an
--   band_received_large   administration without an activity volume
CREATE TABLE fair_settings (
    name  VARCHAR PRIMARY KEY,
    value DOUBLE NOT NULL
);
INSERT INTO fair_settings VALUES
    ('small_n', 10),
    ('band_volume_medium', 10000),
    ('band_volume_large', 100000),
    ('band_received_medium', 50),
    ('band_received_large', 500);

-- A target per rate: year 0 holds for every year without a target of its
-- own. direction is at_least or at_most; a value missing the target by at
-- most margin (in the rate's unit) is "close".
CREATE TABLE rate_targets (
    rate      VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    direction VARCHAR NOT NULL,
    target    DOUBLE NOT NULL,
    margin    DOUBLE NOT NULL,
    PRIMARY KEY (rate, year)
);
INSERT INTO rate_targets VALUES
    ('closed_on_time_share', 0, 'at_least', 95, 5),
    ('ack_on_time_share', 0, 'at_least', 95, 5);
