-- DuckDB reads register CSV $2 straight into register_rows under upload $1.
-- $3 separator, $4 lines before the first complaint (title and header), $5
-- column names by role for every column of the file followed by the roles it
-- lacks (null_padding leaves those NULL), $6 organisation code for a file
-- without an organisation column.
--
-- Texts are kept exactly as written (the validation pass records each one in
-- register_values as the same text), without trim(): that alone would cost
-- a quarter of the load. Dates are yyyy-m-d (DuckDB's own cast, the fast
-- path) or d/m/yyyy; the validation pass accepts only those, unpadded, so
-- that whatever it accepts DuckDB reads to the same day.
INSERT INTO register_rows
SELECT $1,
       coalesce(organisation, $6),
       complaint,
       coalesce(try_cast(received AS DATE), try_strptime(received, '%d/%m/%Y')::DATE),
       channel,
       language,
       admissible,
       outcome,
       type,
       coalesce(try_cast(ack AS DATE), try_strptime(ack, '%d/%m/%Y')::DATE),
       coalesce(try_cast(closed AS DATE), try_strptime(closed, '%d/%m/%Y')::DATE),
       second_line
FROM read_csv($2, delim = $3, skip = $4, header = false, all_varchar = true,
              null_padding = true, strict_mode = false, names = $5);
