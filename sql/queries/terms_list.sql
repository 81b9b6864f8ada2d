-- Every organisation's terms that differ from the defaults.
SELECT organisation, ack_days, answer_days, coalesce(working_days, false) FROM organisation_terms ORDER BY organisation;
