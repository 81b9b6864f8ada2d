-- The whole catalogue of organisations in one statement: $1..$7 are lists of
-- the same length, one element per organisation. Rows already equal are
-- left alone, so opening a database whose reference is current writes
-- nothing.
INSERT INTO organisations (code, name_nl, name_fr, name_en, kind, second_line, grp)
SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), unnest($4::VARCHAR[]),
       unnest($5::VARCHAR[]), unnest($6::VARCHAR[]), unnest($7::VARCHAR[])
ON CONFLICT (code) DO UPDATE SET
    name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en,
    kind = excluded.kind, second_line = excluded.second_line, grp = excluded.grp
WHERE (organisations.name_nl, organisations.name_fr, organisations.name_en,
       organisations.kind, organisations.second_line, organisations.grp)
      IS DISTINCT FROM
      (excluded.name_nl, excluded.name_fr, excluded.name_en,
       excluded.kind, excluded.second_line, excluded.grp);
