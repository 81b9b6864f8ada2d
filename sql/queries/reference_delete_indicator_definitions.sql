DELETE FROM indicator_definitions WHERE indicator = ?;
