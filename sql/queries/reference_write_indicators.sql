-- $1: a JSON array of indicators; each is inserted or replaces the one of its code.
INSERT INTO indicators (code, unit, breakdown, label_nl, label_fr, label_en, definition, first_year, position)
SELECT r.code, r.unit, r.breakdown, r.label_nl, r.label_fr, r.label_en, r.definition, r.first_year, r.position
FROM (SELECT unnest(json_transform($1::JSON,
    '[{"code":"VARCHAR","unit":"VARCHAR","breakdown":"VARCHAR","label_nl":"VARCHAR","label_fr":"VARCHAR",
       "label_en":"VARCHAR","definition":"VARCHAR","first_year":"INTEGER","position":"INTEGER"}]')) AS r)
ON CONFLICT (code) DO UPDATE SET
    unit = excluded.unit, breakdown = excluded.breakdown, label_nl = excluded.label_nl,
    label_fr = excluded.label_fr, label_en = excluded.label_en, definition = excluded.definition,
    first_year = excluded.first_year, position = excluded.position;
