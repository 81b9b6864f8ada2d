-- Forgets the unit of administration $1's activity volume.
DELETE FROM activity_units WHERE organisation = $1;
