-- $1: a JSON array of codes whose rows of indicator_definitions are written anew.
DELETE FROM indicator_definitions WHERE indicator IN (SELECT unnest(json_transform($1::JSON, '["VARCHAR"]')));
