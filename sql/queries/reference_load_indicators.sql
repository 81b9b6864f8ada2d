SELECT code, unit, breakdown, label_nl, label_fr, label_en, first_year
FROM indicators
ORDER BY position, code;
