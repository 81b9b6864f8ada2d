-- The unit of each administration's activity volume.
SELECT organisation, unit FROM activity_units ORDER BY organisation;
