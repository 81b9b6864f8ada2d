-- How many messages outbox_list selects for status $1 ('' for any): the
-- total of its pages.
SELECT count(*)
FROM outbox
WHERE $1 = '' OR status = $1;
