INSERT INTO round_organisations (year, organisation) VALUES (?, ?);
