INSERT INTO indicators (code, unit, breakdown, label_nl, label_fr, label_en, definition, first_year, position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET
    unit = excluded.unit, breakdown = excluded.breakdown, label_nl = excluded.label_nl,
    label_fr = excluded.label_fr, label_en = excluded.label_en, definition = excluded.definition,
    first_year = excluded.first_year, position = excluded.position;
