SELECT organisation, successor, year FROM organisation_successors ORDER BY organisation, successor;
