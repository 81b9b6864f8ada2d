-- Removes the target of rate $1 for year $2.
DELETE FROM rate_targets WHERE rate = $1 AND year = $2;
