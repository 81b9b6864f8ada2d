-- A fingerprint of the set of (submission id, status): it changes when a
-- submission is added or changes status, and nothing else moves the
-- published figures. Mystery-shopping checks are public evidence beside
-- the criteria (matrix and profiles) without being figures, so each new
-- check moves the fingerprint too, and so does every change of the
-- reference data (names, groups, definitions shown on every page), and
-- every note published in the letters (a held note only once accepted).
SELECT xor(xor(xor(
    coalesce((SELECT bit_xor(hash(id, status)) FROM submissions), 0::UBIGINT),
    coalesce((SELECT bit_xor(hash('mystery_check', id)) FROM mystery_checks), 0::UBIGINT)),
    coalesce((SELECT bit_xor(hash('reference', revision)) FROM reference_revision), 0::UBIGINT)),
    coalesce((SELECT bit_xor(hash('note', id)) FROM value_notes WHERE NOT held), 0::UBIGINT)
)::UBIGINT;
