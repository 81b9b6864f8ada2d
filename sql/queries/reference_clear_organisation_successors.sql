-- $1: a JSON array of codes whose rows of organisation_successors are written anew.
DELETE FROM organisation_successors WHERE organisation IN (SELECT unnest(json_transform($1::JSON, '["VARCHAR"]')));
