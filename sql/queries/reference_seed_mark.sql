-- $1: a JSON array of seed items ("organisation:FIN") now written.
INSERT INTO reference_seed (item)
SELECT unnest(json_transform($1::JSON, '["VARCHAR"]'))
ON CONFLICT (item) DO NOTHING;
