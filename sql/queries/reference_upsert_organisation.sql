INSERT INTO organisations (code, name_nl, name_fr, name_en, kind, second_line, grp, first_year, last_year, position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET
    name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en,
    kind = excluded.kind, second_line = excluded.second_line, grp = excluded.grp,
    first_year = excluded.first_year, last_year = excluded.last_year, position = excluded.position;
