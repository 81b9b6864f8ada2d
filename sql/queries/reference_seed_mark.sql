INSERT INTO reference_seed (item) VALUES (?) ON CONFLICT (item) DO NOTHING;
