SELECT indicator, lang, from_year, text FROM indicator_definitions ORDER BY indicator, lang, from_year;
