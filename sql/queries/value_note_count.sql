-- How many notes submission $1 has: the total of value_note_page's pages.
SELECT count(*)
FROM value_notes
WHERE submission_id = $1;
