-- Benchmarks only: DuckDB's own read_csv of register CSV $2 (any shape the
-- generator's columns take: $3 separator, $4 lines above the header, $5
-- date format, $6 encoding) into register_rows under upload $1 for
-- organisation $7, sniffing the other types itself.
INSERT INTO register_rows
SELECT $1, $7, complaint, received, channel, language,
       CASE WHEN admissible::VARCHAR IN ('true', 'yes') THEN 'yes' ELSE 'no' END,
       outcome, type, ack, closed,
       CASE WHEN second_line::VARCHAR IN ('true', 'yes') THEN 'yes' ELSE 'no' END
FROM read_csv($2, delim = $3, skip = $4, header = true, dateformat = $5, encoding = $6,
              names = ['complaint', 'received', 'channel', 'language', 'admissible',
                       'outcome', 'type', 'ack', 'closed', 'second_line']);
