INSERT INTO groups (code, name_nl, name_fr, name_en)
VALUES (?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET
    name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en;
