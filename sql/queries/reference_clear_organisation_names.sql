-- $1: a JSON array of codes whose rows of organisation_names are written anew.
DELETE FROM organisation_names WHERE organisation IN (SELECT unnest(json_transform($1::JSON, '["VARCHAR"]')));
