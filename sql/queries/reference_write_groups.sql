-- $1: a JSON array of groups; each is inserted or replaces the one of its code.
INSERT INTO groups (code, name_nl, name_fr, name_en)
SELECT r.code, r.name_nl, r.name_fr, r.name_en
FROM (SELECT unnest(json_transform($1::JSON,
    '[{"code":"VARCHAR","name_nl":"VARCHAR","name_fr":"VARCHAR","name_en":"VARCHAR"}]')) AS r)
ON CONFLICT (code) DO UPDATE SET
    name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en;
