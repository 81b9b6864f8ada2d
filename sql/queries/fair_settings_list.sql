-- The coordinator's thresholds for fair comparison (migration 009).
SELECT name, value FROM fair_settings ORDER BY name;
