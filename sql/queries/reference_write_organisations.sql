-- $1: a JSON array of administrations; each is inserted or replaces the one of its code.
INSERT INTO organisations (code, name_nl, name_fr, name_en, kind, second_line, article_fr, grp, first_year, last_year, position)
SELECT r.code, r.name_nl, r.name_fr, r.name_en, r.kind, r.second_line, r.article_fr, r.grp, r.first_year, r.last_year, r.position
FROM (SELECT unnest(json_transform($1::JSON,
    '[{"code":"VARCHAR","name_nl":"VARCHAR","name_fr":"VARCHAR","name_en":"VARCHAR","kind":"VARCHAR",
       "second_line":"VARCHAR","article_fr":"VARCHAR","grp":"VARCHAR","first_year":"INTEGER","last_year":"INTEGER","position":"INTEGER"}]')) AS r)
ON CONFLICT (code) DO UPDATE SET
    name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en,
    kind = excluded.kind, second_line = excluded.second_line, article_fr = excluded.article_fr, grp = excluded.grp,
    first_year = excluded.first_year, last_year = excluded.last_year, position = excluded.position;
