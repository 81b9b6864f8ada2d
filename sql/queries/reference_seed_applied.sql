SELECT item FROM reference_seed;
