-- $1: a JSON array of codes whose rows of organisation_groups are written anew.
DELETE FROM organisation_groups WHERE organisation IN (SELECT unnest(json_transform($1::JSON, '["VARCHAR"]')));
