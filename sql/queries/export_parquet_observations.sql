-- The published observations as Parquet under $1, one hive partition per
-- organisation and year: $1/org=FIN/year=2024/data_0.parquet.
COPY (
    SELECT organisation AS org, year, indicator, breakdown, value, submission_id
    FROM current_observations
    ORDER BY org, year, indicator, breakdown
) TO $1 (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (org, year));
