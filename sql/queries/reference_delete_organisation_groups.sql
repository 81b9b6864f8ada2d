DELETE FROM organisation_groups WHERE organisation = ?;
