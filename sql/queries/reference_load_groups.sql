SELECT code, name_nl, name_fr, name_en FROM groups ORDER BY code;
