INSERT INTO organisation_names (organisation, name) VALUES (?, ?);
