-- How many submissions the API's list holds for organisation $1 ('' for
-- every one) and status $2 ('' for any): the total of its pages.
SELECT count(*)
FROM submissions s
WHERE ($1 = '' OR s.organisation = $1) AND ($2 = '' OR s.status = $2);
