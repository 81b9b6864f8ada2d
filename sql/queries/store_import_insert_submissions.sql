-- One new submission per (organisation $1[i], year $2[i]) of a file, each
-- versioned after every earlier submission of its group, whatever its status.
INSERT INTO submissions (organisation, year, version, file_name, sha256, source, kind, status, created_at)
SELECT g.organisation, g.year, coalesce(max(s.version), 0) + 1, $3, $4, $5, $6, $7, now()
FROM (SELECT unnest($1::VARCHAR[]) AS organisation, unnest($2::INTEGER[]) AS year) AS g
LEFT JOIN submissions s ON s.organisation = g.organisation AND s.year = g.year
GROUP BY g.organisation, g.year
RETURNING id, organisation, year, version, file_name, sha256, source, kind, status, comment, created_at,
    0 AS observations;
