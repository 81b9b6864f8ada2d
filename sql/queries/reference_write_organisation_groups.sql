-- $1: a JSON array of memberships: an administration in a group from a year on.
INSERT INTO organisation_groups (organisation, from_year, grp)
SELECT r.organisation, r.from_year, r.grp
FROM (SELECT unnest(json_transform($1::JSON, '[{"organisation":"VARCHAR","from_year":"INTEGER","grp":"VARCHAR"}]')) AS r);
