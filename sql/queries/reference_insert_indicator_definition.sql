INSERT INTO indicator_definitions (indicator, lang, from_year, text) VALUES (?, ?, ?, ?);
