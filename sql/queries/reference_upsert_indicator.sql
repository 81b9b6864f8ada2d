-- The whole catalogue of indicators in one statement: $1..$7 are lists of
-- the same length, one element per indicator. Rows already equal are left
-- alone, so opening a database whose reference is current writes nothing.
INSERT INTO indicators (code, unit, breakdown, label_nl, label_fr, label_en, definition)
SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]),
       unnest($5::VARCHAR[]), unnest($6::VARCHAR[]), unnest($7::VARCHAR[])
ON CONFLICT (code) DO UPDATE SET
    unit = excluded.unit, breakdown = excluded.breakdown, label_nl = excluded.label_nl,
    label_fr = excluded.label_fr, label_en = excluded.label_en, definition = excluded.definition
WHERE (indicators.unit, indicators.breakdown, indicators.label_nl, indicators.label_fr,
       indicators.label_en, indicators.definition)
      IS DISTINCT FROM
      (excluded.unit, excluded.breakdown, excluded.label_nl, excluded.label_fr,
       excluded.label_en, excluded.definition);
