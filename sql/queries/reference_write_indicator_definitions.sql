-- $1: a JSON array of an indicator's definitions, each in one language from a year on.
INSERT INTO indicator_definitions (indicator, lang, from_year, text)
SELECT r.indicator, r.lang, r.from_year, r.text
FROM (SELECT unnest(json_transform($1::JSON, '[{"indicator":"VARCHAR","lang":"VARCHAR","from_year":"INTEGER","text":"VARCHAR"}]')) AS r);
