INSERT INTO organisation_groups (organisation, from_year, grp) VALUES (?, ?, ?);
