INSERT INTO organisation_successors (organisation, successor, year) VALUES (?, ?, ?);
