-- $1: a JSON array of successions: an administration continued by another from a year on.
INSERT INTO organisation_successors (organisation, successor, year)
SELECT r.organisation, r.successor, r.year
FROM (SELECT unnest(json_transform($1::JSON, '[{"organisation":"VARCHAR","successor":"VARCHAR","year":"INTEGER"}]')) AS r);
