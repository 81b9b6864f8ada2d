DELETE FROM organisation_successors WHERE organisation = ?;
