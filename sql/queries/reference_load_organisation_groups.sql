SELECT organisation, from_year, grp FROM organisation_groups ORDER BY organisation, from_year;
