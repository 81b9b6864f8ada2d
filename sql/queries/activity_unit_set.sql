-- Sets the unit ($2) of administration $1's activity volume.
INSERT INTO activity_units (organisation, unit) VALUES ($1, $2)
ON CONFLICT (organisation) DO UPDATE SET unit = excluded.unit;
