-- Every stored register row as Parquet under $1, one hive partition per
-- organisation (its code, read through register_values) and year received:
-- $1/org=FIN/year=2024/data_0.parquet. The other columns are register_rows'
-- own, so register_indicators.sql runs over them unchanged.
COPY (
    SELECT v.code AS org, year(r.received) AS year, r.*
    FROM register_rows r
    JOIN register_values v
      ON v.upload_id = r.upload_id AND v.role = 'organisation' AND v.text = r.organisation
    ORDER BY org, year, r.upload_id
) TO $1 (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (org, year));
