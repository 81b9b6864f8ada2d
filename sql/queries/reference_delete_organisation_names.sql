DELETE FROM organisation_names WHERE organisation = ?;
