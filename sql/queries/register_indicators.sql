-- The network's indicators computed from the register rows of upload $1, as
-- long rows (organisation, year, indicator, breakdown, value). $2, $3, $4 are
-- the reference codes of channel, language and type: every one gets a row,
-- zero included, since a register tells that nothing came in by a channel.
--
-- For each year Y the cohort is the complaints received in Y. Closed means
-- admissible and closed on or before 31 December of Y; the terms come from
-- organisation_terms (defaults 5 and 30 calendar days). An organisation whose
-- terms are in working days counts only the days that are neither a
-- Saturday, a Sunday nor one of the holidays $5 (ISO dates from internal/workdays: the
-- federal public holidays of 1990-2100, computed per year): cal numbers
-- the working days, so the working days after receipt up to a date are the
-- difference of two numbers. Processing times (by_processing_time,
-- median_days) are in calendar days, as avg_days.
--
-- One pass over the rows groups them by their texts and by what the rules
-- ask of each row; the few groups are then read into codes and counted. So
-- the rows are never held in memory and the same SQL can run over Parquet.
WITH v AS (
    SELECT role, text, code FROM register_values WHERE upload_id = $1
),
terms AS (
    SELECT v.text, v.code AS organisation,
           coalesce(t.ack_days, 5) AS ack_days, coalesce(t.answer_days, 30) AS answer_days,
           coalesce(t.working_days, false) AS working_days
    FROM v LEFT JOIN organisation_terms t ON t.organisation = v.code
    WHERE v.role = 'organisation'
),
holidays AS (
    SELECT DISTINCT unnest($5::VARCHAR[])::DATE AS d
),
cal AS (
    SELECT c.d, sum(CASE WHEN isodow(c.d) >= 6 OR h.d IS NOT NULL THEN 0 ELSE 1 END) OVER (ORDER BY c.d) AS idx
    FROM (SELECT range::DATE AS d FROM range(DATE '1990-01-01', DATE '2101-01-01', INTERVAL 1 DAY)) c
    LEFT JOIN holidays h ON h.d = c.d
    -- empty unless an organisation of the upload counts working days, so
    -- that the joins below cost nothing for calendar days
    WHERE EXISTS (SELECT 1 FROM terms WHERE working_days)
),
grouped AS (
    SELECT t.organisation, year(r.received) AS year,
           r.channel, r.language, r.admissible, r.outcome, r.type, r.second_line,
           r.closed IS NOT NULL AND r.closed <= make_date(year(r.received), 12, 31) AS closed_in_year,
           coalesce(CASE WHEN t.working_days THEN ca.idx - cr.idx ELSE r.ack - r.received END
                    <= t.ack_days, false)                             AS ack_in_term,
           coalesce(CASE WHEN t.working_days THEN cc.idx - cr.idx ELSE r.closed - r.received END
                    <= t.answer_days, false)                          AS answer_in_term,
           r.closed - r.received                                      AS duration,
           count(*)                                                   AS n,
           sum(r.closed - r.received)                                 AS days
    FROM register_rows r
    JOIN terms t ON t.text = r.organisation
    -- Plain equality joins: a condition on t.working_days here makes DuckDB
    -- leave the hash join, and the query five times slower on 20,000 rows;
    -- the CASE above picks calendar or working days.
    LEFT JOIN cal cr ON cr.d = r.received
    LEFT JOIN cal ca ON ca.d = r.ack
    LEFT JOIN cal cc ON cc.d = r.closed
    WHERE r.upload_id = $1 AND r.received IS NOT NULL
    GROUP BY ALL
),
coded AS (
    SELECT g.organisation, g.year, g.n, g.days, g.duration,
           ch.code AS channel, lg.code AS language,
           ad.code = 'yes' AS admissible,
           oc.code AS outcome, ty.code AS type,
           coalesce(sl.code = 'yes', false) AS second_line,
           ad.code = 'yes' AND g.closed_in_year AS is_closed,
           g.ack_in_term, g.answer_in_term
    FROM grouped g
    JOIN v ch ON ch.role = 'channel'    AND ch.text = g.channel
    JOIN v lg ON lg.role = 'language'   AND lg.text = g.language
    JOIN v ad ON ad.role = 'admissible' AND ad.text = g.admissible
    LEFT JOIN v oc ON oc.role = 'outcome'     AND oc.text = g.outcome
    LEFT JOIN v ty ON ty.role = 'type'        AND ty.text = g.type
    LEFT JOIN v sl ON sl.role = 'second_line' AND sl.text = g.second_line
),
totals AS (
    SELECT organisation, year,
           sum(n)::DOUBLE                                                         AS received,
           coalesce(sum(n) FILTER (admissible), 0)::DOUBLE                         AS admissible,
           coalesce(sum(n) FILTER (NOT admissible), 0)::DOUBLE                     AS inadmissible,
           coalesce(sum(n) FILTER (is_closed), 0)::DOUBLE                          AS closed,
           coalesce(sum(n) FILTER (admissible AND NOT is_closed), 0)::DOUBLE       AS open_end_of_year,
           coalesce(sum(n) FILTER (is_closed AND outcome = 'founded'), 0)::DOUBLE  AS founded,
           coalesce(sum(n) FILTER (is_closed AND outcome = 'partly_founded'), 0)::DOUBLE AS partly_founded,
           coalesce(sum(n) FILTER (is_closed AND outcome = 'unfounded'), 0)::DOUBLE AS unfounded,
           coalesce(sum(n) FILTER (admissible AND ack_in_term), 0)::DOUBLE         AS ack_on_time,
           coalesce(sum(n) FILTER (is_closed AND answer_in_term), 0)::DOUBLE       AS closed_on_time,
           (sum(days) FILTER (is_closed) / sum(n) FILTER (is_closed))::DOUBLE      AS avg_days,
           coalesce(sum(n) FILTER (second_line), 0)::DOUBLE                        AS second_line
    FROM coded
    GROUP BY organisation, year
),
-- The median processing time of the closed complaints: the middle value,
-- or the mean of the two middle ones, of the durations counted n times.
durations AS (
    SELECT organisation, year, duration, sum(n) AS n
    FROM coded WHERE is_closed GROUP BY ALL
),
running AS (
    SELECT organisation, year, duration,
           sum(n) OVER (PARTITION BY organisation, year ORDER BY duration) AS upto,
           sum(n) OVER (PARTITION BY organisation, year)                   AS total
    FROM durations
),
medians AS (
    SELECT organisation, year,
           ((min(duration) FILTER (upto >= (total + 1) // 2)
             + min(duration) FILTER (upto >= total // 2 + 1)) / 2)::DOUBLE AS median_days
    FROM running GROUP BY organisation, year
),
with_median AS (
    SELECT t.*, m.median_days FROM totals t LEFT JOIN medians m USING (organisation, year)
),
parts AS (
    SELECT 'by_channel' AS indicator, unnest($2::VARCHAR[]) AS breakdown
    UNION ALL SELECT 'by_language', unnest($3::VARCHAR[])
    UNION ALL SELECT 'founded_by_type', unnest($4::VARCHAR[])
    UNION ALL SELECT 'by_processing_time', unnest(['d0_20', 'd21_45', 'd46_90', 'd91_plus'])
),
counted AS (
    SELECT organisation, year, 'by_channel' AS indicator, channel AS breakdown, sum(n) AS n
    FROM coded GROUP BY ALL
    UNION ALL
    SELECT organisation, year, 'by_language', language, sum(n)
    FROM coded GROUP BY ALL
    UNION ALL
    SELECT organisation, year, 'founded_by_type', type, sum(n)
    FROM coded WHERE is_closed AND outcome IN ('founded', 'partly_founded') GROUP BY ALL
    UNION ALL
    SELECT organisation, year, 'by_processing_time',
           CASE WHEN duration <= 20 THEN 'd0_20' WHEN duration <= 45 THEN 'd21_45'
                WHEN duration <= 90 THEN 'd46_90' ELSE 'd91_plus' END, sum(n)
    FROM coded WHERE is_closed GROUP BY ALL
)
SELECT organisation, year, indicator, '' AS breakdown, value
FROM with_median
UNPIVOT (value FOR indicator IN (received, admissible, inadmissible, closed, open_end_of_year,
                                 founded, partly_founded, unfounded, ack_on_time, closed_on_time,
                                 avg_days, median_days, second_line))
UNION ALL
SELECT t.organisation, t.year, p.indicator, p.breakdown, coalesce(c.n, 0)::DOUBLE
FROM totals t
CROSS JOIN parts p
LEFT JOIN counted c USING (organisation, year, indicator, breakdown)
ORDER BY organisation, year, indicator, breakdown;
