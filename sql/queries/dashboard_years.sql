-- Years with at least one published value, oldest first.
SELECT DISTINCT year FROM current_observations ORDER BY year;
