-- Sets threshold $1 to $2.
INSERT INTO fair_settings (name, value) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
