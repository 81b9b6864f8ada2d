-- The administrations expected to report for a year: today every
-- administration of the reference data.
SELECT code FROM organisations ORDER BY code;
