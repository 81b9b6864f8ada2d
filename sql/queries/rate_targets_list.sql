-- Every target, by rate then year (0, every year, first).
SELECT rate, year, direction, target, margin FROM rate_targets ORDER BY rate, year;
