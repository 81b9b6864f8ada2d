package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/workdays"
)

// Register column roles, as named in register_rows and register_values.
const (
	RegisterOrganisation = "organisation"
	RegisterComplaint    = "complaint"
	RegisterReceived     = "received"
	RegisterChannel      = "channel"
	RegisterLanguage     = "language"
	RegisterAdmissible   = "admissible"
	RegisterOutcome      = "outcome"
	RegisterType         = "type"
	RegisterAck          = "ack"
	RegisterClosed       = "closed"
	RegisterSecondLine   = "second_line"
)

// registerRoles lists the roles of a register in the order of register_rows.
var registerRoles = []string{
	RegisterOrganisation, RegisterComplaint, RegisterReceived, RegisterChannel, RegisterLanguage,
	RegisterAdmissible, RegisterOutcome, RegisterType, RegisterAck, RegisterClosed, RegisterSecondLine,
}

// RegisterCSV tells DuckDB how to read a register CSV itself.
type RegisterCSV struct {
	Path      string   // CSV file
	Encoding  string   // "utf-8" or "latin-1", as read_csv takes it
	Delimiter string   // one character
	Skip      int      // lines before the first complaint: title block and header
	Columns   []string // role of each column of the file, in order; unknown columns get names that are no role
	// Organisation is the code for every row when the file has no
	// organisation column.
	Organisation string
}

// RegisterRow is one complaint handed over by Go (XLSX registers): texts as
// the file writes them; dates parsed, nil when absent.
type RegisterRow struct {
	Organisation, Complaint                              string
	Received                                             time.Time
	Channel, Language, Admissible, Outcome, Type, Second string
	Ack, Closed                                          *time.Time
}

// RegisterValue says how one text of a register column was read: Code is a
// reference code, or yes/no for admissible and second_line.
type RegisterValue struct {
	Role, Text, Code string
}

// RegisterCheck is the verdict of the validation pass over a register.
type RegisterCheck struct {
	Accepted bool
	SHA256   string          // of the file, hashed by the check as it reads
	Rows     int64           // complaints the check read
	Values   []RegisterValue // every distinct text of the file, read
}

// RegisterRequest is one register file to load and compute: either CSV and
// Check, or Rows. The file is kept only if the check accepts it.
type RegisterRequest struct {
	FileName string
	Source   string
	Status   string // domain.StatusApproved or domain.StatusSubmitted
	DryRun   bool   // compute, keep nothing

	// CSV is read by DuckDB while Check validates the same file beside it.
	CSV   *RegisterCSV
	Check func(ctx context.Context) (RegisterCheck, error)
	// Rows reads and validates a file in one pass (XLSX), handing yield
	// the rows to append, and returns the verdict once it has read them
	// all; a refused file's appended rows are rolled back.
	Rows func(yield func(RegisterRow) error) (RegisterCheck, error)

	// Breakdown codes the computed observations cover, zero counts included.
	Channels, Languages, Types []string

	// Audit, when set, is who sends the register and from where: the entry
	// "register_upload" (the submissions created as subject) is appended in
	// the transaction that writes the submissions, also when the register
	// is already stored.
	Audit *domain.AuditEntry
}

// RegisterResult is what a register import computed and wrote.
type RegisterResult struct {
	Accepted     bool                 // false: the check refused the file, nothing written
	Upload       int64                // id in register_uploads; 0 when nothing was written
	Rows         int64                // complaints loaded
	Observations []domain.Observation // computed, by organisation, year, indicator, breakdown
	Stored       ImportResult
}

// ImportRegister loads a register and computes its indicators: the rows go
// to register_rows (DuckDB's reader for a CSV while req.Check validates the
// file, the Appender for the rows req.Rows validates and hands over); then
// register_indicators.sql turns them into observations that become one
// submission per organisation and year, kind register.
//
// It takes two transactions, because DuckDB holds uncommitted rows
// uncompressed in memory (about 160 bytes a complaint): the first keeps the
// rows of an accepted file, the second computes and writes the submissions.
// Nothing is written for a refused file; if the second transaction fails,
// or finds the very same register already stored, the rows are deleted
// again. A dry run takes the same first transaction (holding a large
// register uncommitted to compute it ran DuckDB out of memory), computes in
// a second one it rolls back, and deletes the rows; a process stopped in
// between leaves them to the next Open, as an import does.
func (s *Store) ImportRegister(ctx context.Context, req RegisterRequest) (RegisterResult, error) {
	res, err := s.importRegister(ctx, req)
	if err != nil {
		return RegisterResult{}, fmt.Errorf("store: import register %s: %w", req.FileName, err)
	}
	return res, nil
}

func (s *Store) importRegister(ctx context.Context, req RegisterRequest) (RegisterResult, error) {
	if (req.CSV == nil) == (req.Rows == nil) || (req.CSV != nil) != (req.Check != nil) {
		return RegisterResult{}, domain.Errorf(domain.EINVALID, "error.register_request")
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return RegisterResult{}, err
	}
	defer conn.Close()
	// As in importOnce: only our own Commit or Rollback ends a transaction.
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return RegisterResult{}, err
	}
	defer tx.Rollback()

	var upload int64
	if err := tx.QueryRowContext(ctx, s.query("register_next_upload")).Scan(&upload); err != nil {
		return RegisterResult{}, fmt.Errorf("number upload: %w", err)
	}
	check, rows, err := s.loadChecked(ctx, conn, tx, upload, req)
	if err != nil || !check.Accepted {
		return RegisterResult{Accepted: false}, err
	}
	// Recorded once the check has hashed the file, which it does as it reads.
	if _, err := tx.ExecContext(ctx, s.query("register_insert_upload"), upload, req.FileName, check.SHA256, req.Source); err != nil {
		return RegisterResult{}, fmt.Errorf("record upload: %w", err)
	}
	if err := appendRegisterValues(conn, upload, check.Values); err != nil {
		return RegisterResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return RegisterResult{}, fmt.Errorf("commit rows: %w", err)
	}
	if s.rowsKept != nil {
		s.rowsKept()
	}
	// What the check read is garbage now (40 MB and more for a million
	// complaints): given back before DuckDB computes, the process's peak is
	// the load's rather than the load's garbage plus the computation (a
	// quoted register of a million: 285 MB to 256 MB).
	debug.FreeOSMemory()
	if req.DryRun {
		// Deleted even when the caller has gone: the rows were only lent
		// to the computation.
		res, err := s.computeOnly(ctx, conn, upload, rows, req)
		return res, errors.Join(err, s.deleteUpload(context.Background(), conn, upload))
	}
	// The rows stay committed while the second transaction is retried on a
	// conflict; only the submissions are written again.
	var res RegisterResult
	var keep bool
	unlock, err := s.versions.lock(ctx, registerOrganisations(check.Values))
	if err != nil {
		return RegisterResult{}, errors.Join(err, s.deleteUpload(context.Background(), conn, upload))
	}
	defer unlock()
	err = retryConflicts(ctx, req.FileName, func() error {
		var err error
		res, keep, err = s.computeAndStore(ctx, conn, upload, rows, check.SHA256, req)
		return err
	})
	if err != nil || !keep {
		if derr := s.deleteUpload(ctx, conn, upload); derr != nil {
			err = errors.Join(err, derr)
		}
	}
	if err != nil {
		return RegisterResult{}, err
	}
	return res, nil
}

// registerOrganisations are the codes of the organisations a register's
// values name.
func registerOrganisations(values []RegisterValue) []string {
	var orgs []string
	for _, v := range values {
		if v.Role == RegisterOrganisation {
			orgs = append(orgs, v.Code)
		}
	}
	return orgs
}

// computeAndStore is the second transaction: the indicators of an upload
// whose rows are committed, written as submissions. keep is false when
// nothing was written because the same register is already stored.
func (s *Store) computeAndStore(ctx context.Context, conn *sql.Conn, upload, rows int64, sha string, req RegisterRequest) (res RegisterResult, keep bool, err error) {
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return RegisterResult{}, false, err
	}
	defer tx.Rollback()
	obs, err := s.computeRegister(ctx, tx, upload, rows, req)
	if err != nil {
		return RegisterResult{}, false, err
	}
	res = RegisterResult{Accepted: true, Rows: rows, Observations: obs}
	if len(obs) > 0 {
		if res.Stored, err = s.storeComputed(ctx, conn, tx, upload, sha, req, obs); err != nil {
			return RegisterResult{}, false, err
		}
	}
	keep = len(res.Stored.Created) > 0
	if !keep && req.Audit == nil {
		return res, false, nil
	}
	if req.Audit != nil {
		e := *req.Audit
		e.Action, e.Subject = "register_upload", submissionIDs(res.Stored.Created)
		e.Detail = fmt.Sprintf("%s rows=%d observations=%d unchanged=%d", req.FileName, rows, len(obs), len(res.Stored.Unchanged))
		if err := s.auditIn(ctx, tx, e); err != nil {
			return RegisterResult{}, false, err
		}
	}
	if err := tx.Commit(); err != nil {
		return RegisterResult{}, false, fmt.Errorf("commit: %w", err)
	}
	if keep {
		res.Upload = upload
	}
	return res, keep, nil
}

// computeOnly computes the indicators of an upload whose rows are
// committed, in a transaction it rolls back.
func (s *Store) computeOnly(ctx context.Context, conn *sql.Conn, upload, rows int64, req RegisterRequest) (RegisterResult, error) {
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return RegisterResult{}, err
	}
	defer tx.Rollback()
	obs, err := s.computeRegister(ctx, tx, upload, rows, req)
	if err != nil {
		return RegisterResult{}, err
	}
	return RegisterResult{Accepted: true, Rows: rows, Observations: obs}, nil
}

// removeOrphanUploads deletes, when the store opens, the rows of the
// uploads a stopped process kept without computing their submissions
// (between the two transactions of ImportRegister), and tells whether there
// were any. Only one process holds the database, so none is in progress.
func (s *Store) removeOrphanUploads(ctx context.Context) (bool, error) {
	rows, err := s.db.QueryContext(ctx, s.query("register_orphan_uploads"))
	if err != nil {
		return false, fmt.Errorf("find unfinished register uploads: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return false, fmt.Errorf("find unfinished register uploads: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return false, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	for _, id := range ids {
		if err := s.deleteUpload(ctx, conn, id); err != nil {
			return false, err
		}
	}
	slog.WarnContext(ctx, "store: removed the register uploads a stopped process left unfinished", "uploads", ids)
	return true, nil
}

// deleteUpload removes what the first transaction kept of an upload.
func (s *Store) deleteUpload(ctx context.Context, conn *sql.Conn, upload int64) error {
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return fmt.Errorf("delete upload %d: %w", upload, err)
	}
	defer tx.Rollback()
	for _, q := range []string{"register_delete_rows", "register_delete_values", "register_delete_upload"} {
		if _, err := tx.ExecContext(ctx, s.query(q), upload); err != nil {
			return fmt.Errorf("delete upload %d: %w", upload, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete upload %d: %w", upload, err)
	}
	return nil
}

func receivedTotal(obs []domain.Observation) int64 {
	var n float64
	for _, o := range obs {
		if o.Indicator == "received" {
			n += o.Value
		}
	}
	return int64(n)
}

// SetMemoryLimit caps DuckDB's memory for the whole database, e.g. "200MB",
// and lets it load rows out of file order, as bounded memory requires.
func (s *Store) SetMemoryLimit(ctx context.Context, limit string) error {
	if _, err := s.db.ExecContext(ctx, s.query("register_memory_limit"), limit); err != nil {
		return fmt.Errorf("store: memory limit %s: %w", limit, err)
	}
	if _, err := s.db.ExecContext(ctx, s.query("register_insertion_order")); err != nil {
		return fmt.Errorf("store: memory limit %s: %w", limit, err)
	}
	return nil
}

// MemoryLimit returns DuckDB's memory limit as DuckDB states it.
func (s *Store) MemoryLimit(ctx context.Context) (string, error) {
	var limit string
	if err := s.db.QueryRowContext(ctx, s.query("store_memory_limit")).Scan(&limit); err != nil {
		return "", fmt.Errorf("store: memory limit: %w", err)
	}
	return limit, nil
}

// loadChecked loads the rows and checks them (side by side for a CSV, in
// one pass for rows from Go) and returns the check's verdict and the number
// of rows loaded.
func (s *Store) loadChecked(ctx context.Context, conn *sql.Conn, tx *sql.Tx, upload int64, req RegisterRequest) (RegisterCheck, int64, error) {
	if req.Rows != nil {
		check, rows, err := appendRegisterRows(conn, upload, req.Rows)
		switch {
		case err != nil:
			return RegisterCheck{}, 0, fmt.Errorf("check: %w", err)
		case !check.Accepted:
			return check, 0, nil
		case rows != check.Rows:
			return RegisterCheck{}, 0, fmt.Errorf("load: %d rows appended, the check read %d", rows, check.Rows)
		}
		return check, rows, nil
	}
	type verdict struct {
		check RegisterCheck
		err   error
	}
	done := make(chan verdict, 1)
	checkCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		c, err := req.Check(checkCtx)
		done <- verdict{c, err}
	}()
	rows, loadErr := s.loadRegisterCSV(ctx, tx, upload, req.CSV)
	if loadErr != nil {
		cancel()
	}
	v := <-done
	var refused *domain.Error
	switch {
	case errors.As(v.err, &refused):
		// The check refused the file as a whole (a line too long): DuckDB
		// may have failed on it too, but the check says why.
		return RegisterCheck{}, 0, fmt.Errorf("check: %w", v.err)
	case v.err != nil && loadErr == nil:
		return RegisterCheck{}, 0, fmt.Errorf("check: %w", v.err)
	case v.err == nil && !v.check.Accepted:
		// A refused file may well have failed to load too; the check's
		// located problems say why, so the load error is not news.
		return v.check, 0, nil
	case loadErr != nil:
		return RegisterCheck{}, 0, fmt.Errorf("load: %w", loadErr)
	case rows != v.check.Rows:
		return RegisterCheck{}, 0, fmt.Errorf("load: DuckDB read %d rows, the check %d", rows, v.check.Rows)
	}
	return v.check, rows, nil
}

func (s *Store) loadRegisterCSV(ctx context.Context, tx *sql.Tx, upload int64, csv *RegisterCSV) (int64, error) {
	names := append([]string{}, csv.Columns...)
	for _, role := range registerRoles {
		if !slices.Contains(names, role) {
			names = append(names, role)
		}
	}
	r, err := tx.ExecContext(ctx, s.query("register_load_csv"), upload, csv.Path, csv.Delimiter, csv.Skip, names, csv.Organisation, csv.Encoding)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// appendRegisterRows bulk-loads the rows rows yields into register_rows and
// returns its verdict and how many it yielded.
func appendRegisterRows(conn *sql.Conn, upload int64, rows func(yield func(RegisterRow) error) (RegisterCheck, error)) (RegisterCheck, int64, error) {
	var n int64
	var check RegisterCheck
	err := conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("driver connection is %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(dconn, "", "register_rows")
		if err != nil {
			return err
		}
		id := driver.Value(upload)
		var appendErr error
		check, appendErr = rows(func(r RegisterRow) error {
			n++
			return app.AppendRow(id, nullText(r.Organisation), nullText(r.Complaint), r.Received,
				nullText(r.Channel), nullText(r.Language), nullText(r.Admissible), nullText(r.Outcome),
				nullText(r.Type), nullDate(r.Ack), nullDate(r.Closed), nullText(r.Second))
		})
		return errors.Join(appendErr, app.Close())
	})
	return check, n, err
}

// nullText stores an empty text as NULL, as the CSV load does.
func nullText(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func nullDate(t *time.Time) driver.Value {
	if t == nil {
		return nil
	}
	return *t
}

func appendRegisterValues(conn *sql.Conn, upload int64, values []RegisterValue) error {
	err := conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("driver connection is %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(dconn, "", "register_values")
		if err != nil {
			return err
		}
		var appendErr error
		for _, v := range values {
			if appendErr = app.AppendRow(upload, v.Role, v.Text, v.Code); appendErr != nil {
				break
			}
		}
		return errors.Join(appendErr, app.Close())
	})
	if err != nil {
		return fmt.Errorf("append values: %w", err)
	}
	return nil
}

// computeRegister runs the rules of register_indicators.sql on one upload
// of rows complaints.
func (s *Store) computeRegister(ctx context.Context, tx *sql.Tx, upload, rows int64, req RegisterRequest) ([]domain.Observation, error) {
	obs, err := queryObservations(ctx, tx, s.query("register_indicators"), upload,
		nonNil(req.Channels), nonNil(req.Languages), nonNil(req.Types), holidays())
	if err != nil {
		return nil, fmt.Errorf("compute indicators: %w", err)
	}
	// Every row loaded must be in a cohort: a row the inner joins of
	// register_indicators.sql dropped was read differently by DuckDB and by
	// the check, which is a bug, not a user's mistake.
	if counted := receivedTotal(obs); counted != rows {
		return nil, fmt.Errorf("compute indicators: %d rows loaded, %d counted: DuckDB and the check read the file differently", rows, counted)
	}
	return obs, nil
}

// nonNil keeps a nil list from binding as NULL.
func nonNil(list []string) []string { return append([]string{}, list...) }

// storeComputed writes the computed observations as submissions of kind
// register, the way Import writes a file, inside the register's
// transaction, and links them to the upload.
func (s *Store) storeComputed(ctx context.Context, conn *sql.Conn, tx *sql.Tx, upload int64, sha string, req RegisterRequest, obs []domain.Observation) (ImportResult, error) {
	ireq := ImportRequest{FileName: req.FileName, SHA256: sha, Source: req.Source,
		Kind: domain.KindRegister, Status: req.Status, Observations: obs}
	plan, err := s.planImport(ireq)
	if err != nil {
		return ImportResult{}, err
	}
	res, err := s.writeGroups(ctx, conn, tx, ireq, plan)
	if err != nil || len(res.Created) == 0 {
		return res, err
	}
	ids := make([]int64, len(res.Created))
	for i, sub := range res.Created {
		ids[i] = sub.ID
	}
	if _, err := tx.ExecContext(ctx, s.query("register_link_submissions"), upload, ids); err != nil {
		return ImportResult{}, fmt.Errorf("link submissions: %w", err)
	}
	return res, nil
}

// Terms are an organisation's announced terms, in calendar days or, when
// WorkingDays, in working days (internal/workdays).
type Terms struct {
	AckDays     int
	AnswerDays  int
	WorkingDays bool
}

// SetTerms records the terms of an organisation, used by every register
// computed after.
func (s *Store) SetTerms(ctx context.Context, org string, t Terms) error {
	if _, ok := s.Reference().Organisation(org); !ok {
		return domain.Errorf(domain.EINVALID, "error.unknown_organisation", org)
	}
	if err := checkTerms(t); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, s.query("register_terms_set"), org, t.AckDays, t.AnswerDays, t.WorkingDays); err != nil {
		return fmt.Errorf("store: set terms %s: %w", org, err)
	}
	return nil
}

// checkTerms keeps each term a whole number of days in termDaysRange.
func checkTerms(t Terms) error {
	if err := termDaysRange.Check(domain.Phrasef("error.field.ack_days"), float64(t.AckDays)); err != nil {
		return err
	}
	return termDaysRange.Check(domain.Phrasef("error.field.answer_days"), float64(t.AnswerDays))
}

// TermsOf returns the terms of an organisation, the defaults if it set none.
func (s *Store) TermsOf(ctx context.Context, org string) (Terms, error) {
	var t Terms
	if err := s.db.QueryRowContext(ctx, s.query("register_terms_get"), org).Scan(&t.AckDays, &t.AnswerDays, &t.WorkingDays); err != nil {
		return Terms{}, fmt.Errorf("store: terms %s: %w", org, err)
	}
	return t, nil
}

// BaselineRegister is the yardstick of a register import, for benchmarks
// only: DuckDB's own read_csv, sniffing types, loads a register written by
// the generator (codes, yes/no, ISO dates) into register_rows, and the same
// register_indicators.sql computes the indicators, the rows committed first
// as an import does. It returns the observations computed.
func (s *Store) BaselineRegister(ctx context.Context, csvPath, org string, values []RegisterValue, channels, languages, types []string) ([]domain.Observation, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	defer tx.Rollback()
	const upload = -1 // never a real id: the sequence starts at 1
	res, err := tx.ExecContext(ctx, s.query("register_baseline_load"), upload, csvPath, org)
	if err != nil {
		return nil, fmt.Errorf("store: baseline register load %s: %w", csvPath, err)
	}
	rows, err := res.RowsAffected()
	if err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	if err := appendRegisterValues(conn, upload, values); err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	tx2, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	defer tx2.Rollback()
	obs, err := s.computeRegister(ctx, tx2, upload, rows, RegisterRequest{Channels: channels, Languages: languages, Types: types})
	if err != nil {
		return nil, fmt.Errorf("store: baseline register: %w", err)
	}
	return obs, nil
}

// RegisterRows counts the register rows kept for an organisation.
func (s *Store) RegisterRows(ctx context.Context, org string) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, s.query("register_count_rows"), org).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: register rows of %s: %w", org, err)
	}
	return n, nil
}

// holidays are the federal public holidays of the years the register
// calendar covers (register_indicators.sql), as ISO dates.
func holidays() []string {
	dates := workdays.Dates(1990, 2100)
	out := make([]string, len(dates))
	for i, d := range dates {
		out[i] = d.Format(time.DateOnly)
	}
	return out
}
