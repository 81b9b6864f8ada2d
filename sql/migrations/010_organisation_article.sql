-- The French definite article of each administration's name (le, la, l’,
-- les, or none), so that French texts say "du SPF Finances", "de la Police
-- fédérale", "de l’Office national …" (issue 23). The seed sets it for
-- new databases; this sets it for the administrations of the seed in
-- databases made before.
ALTER TABLE organisations ADD COLUMN article_fr VARCHAR DEFAULT '';

UPDATE organisations SET article_fr = 'le' WHERE code IN ('BOSA', 'FIN', 'JUST', 'SOCSEC', 'HEALTH', 'ECO', 'MOB', 'IBZ', 'FOREIGN', 'WASO', 'CHANC', 'SFP');
UPDATE organisations SET article_fr = 'la' WHERE code IN ('DEF', 'POL', 'HZIV', 'HVW', 'REGIE', 'KBO');
UPDATE organisations SET article_fr = 'l’' WHERE code IN ('RSZ', 'RIZIV', 'RVA', 'RJV', 'FEDRIS', 'FAVV', 'FAGG', 'FEDASIL');
