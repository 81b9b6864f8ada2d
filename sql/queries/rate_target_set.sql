-- Sets the target of rate $1 for year $2 (0: every year): $3 direction,
-- $4 target, $5 margin.
INSERT INTO rate_targets (rate, year, direction, target, margin) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (rate, year) DO UPDATE SET direction = excluded.direction, target = excluded.target, margin = excluded.margin;
