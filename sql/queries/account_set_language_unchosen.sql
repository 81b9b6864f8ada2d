-- The language given by a federal identity, only while the person has not
-- chosen one.
UPDATE accounts SET language = ? WHERE id = ? AND NOT coalesce(language_chosen, false);
