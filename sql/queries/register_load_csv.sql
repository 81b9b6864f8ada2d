-- DuckDB reads register CSV $2 straight into register_rows under upload $1.
-- $3 separator, $4 lines before the first complaint (title and header), $5
-- column names by role for every column of the file followed by the roles it
-- lacks (null_padding leaves those NULL), $6 organisation code for a file
-- without an organisation column, $7 the file's encoding (utf-8 or latin-1).
--
-- Texts are kept exactly as written (the validation pass records each one in
-- register_values as the same text), without trim(): that alone would cost
-- a quarter of the load. Dates are yyyy-m-d (DuckDB's own cast, the fast
-- path) or d/m/yyyy; the validation pass accepts only those, unpadded, so
-- that whatever it accepts DuckDB reads to the same day. A date with a '/'
-- goes straight to strptime: a failed try_cast still formats an error
-- message, which cost an eighth of the load's CPU on a d/m/yyyy register.
-- buffer_size 8 MiB (DuckDB's default is 32 MiB a buffer, several held per
-- thread) keeps the whole CLI under 300 MB for 1,000,000 complaints; a line
-- is at most 1 MiB (the validation pass refuses longer ones).
INSERT INTO register_rows
SELECT $1,
       coalesce(organisation, $6),
       complaint,
       CASE WHEN contains(received, '/') THEN try_strptime(received, '%d/%m/%Y')::DATE ELSE try_cast(received AS DATE) END,
       channel,
       language,
       admissible,
       outcome,
       type,
       CASE WHEN contains(ack, '/') THEN try_strptime(ack, '%d/%m/%Y')::DATE ELSE try_cast(ack AS DATE) END,
       CASE WHEN contains(closed, '/') THEN try_strptime(closed, '%d/%m/%Y')::DATE ELSE try_cast(closed AS DATE) END,
       second_line
FROM read_csv($2, delim = $3, skip = $4, header = false, all_varchar = true,
              null_padding = true, strict_mode = false, names = $5, buffer_size = 8388608,
              encoding = $7);
