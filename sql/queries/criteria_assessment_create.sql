-- A new, empty draft self-assessment of organisation $1 for year $2 by $3.
INSERT INTO assessments (organisation, year, status, updated_by, updated_at)
VALUES ($1, $2, 'draft', $3, now())
RETURNING id;
