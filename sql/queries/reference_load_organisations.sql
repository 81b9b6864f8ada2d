SELECT code, name_nl, name_fr, name_en, kind, second_line, coalesce(article_fr, ''), first_year, coalesce(last_year, 0)
FROM organisations
ORDER BY position, code;
