-- $1: a JSON array of an administration's other names (abbreviations, synonyms).
INSERT INTO organisation_names (organisation, name)
SELECT r.organisation, r.name
FROM (SELECT unnest(json_transform($1::JSON, '[{"organisation":"VARCHAR","name":"VARCHAR"}]')) AS r);
