SELECT organisation, name FROM organisation_names ORDER BY organisation, name;
