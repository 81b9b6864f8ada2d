package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/fcmn/infocentre/internal/domain"
)

// ImportRequest is one accepted file, already parsed and checked by ingest.
type ImportRequest struct {
	FileName     string
	SHA256       string               // hex of the file's bytes
	Source       string               // who sent it (account email, or "cli")
	Kind         string               // domain.KindFile, domain.KindForm, domain.KindRegister or domain.KindSelfAssessment
	Status       string               // domain.StatusApproved (CLI) or domain.StatusSubmitted (web upload)
	Observations []domain.Observation // may span several organisations and years

	// Audit, when set, is who sends the file and from where: the entry
	// "upload" (the submissions created as subject) is appended in the
	// import's transaction, also when every group is unchanged.
	Audit *domain.AuditEntry
}

// ImportResult tells what an import wrote.
type ImportResult struct {
	Created   []domain.Submission // one new submission per (organisation, year) in the file
	Unchanged []domain.Submission // (organisation, year) groups whose latest non-returned submission has the same SHA-256: nothing written for them
}

// DuckDB lets one transaction win when two write the same rows (here: the
// next version of the same organisation and year); the loser is retried after
// a short, jittered pause so that users never see the conflict.
const (
	importAttempts = 10
	importBackoff  = 2 * time.Millisecond
	importMaxPause = 200 * time.Millisecond
)

// importPlan is a file split into its submissions, with the distinct codes
// it uses.
type importPlan struct {
	groups     []importGroup
	orgs       []string
	indicators []string
	// pairs are the distinct (indicator, breakdown) of the file; rowPair[i]
	// is the pair of observation i.
	pairs   []pairKey
	rowPair []int32
}

// importGroup is the part of a file that becomes one submission: the indexes
// of its observations in the request, in file order.
type importGroup struct {
	organisation string
	year         int
	rows         []int
}

type groupKey struct {
	organisation string
	year         int
}

type pairKey struct {
	indicator, breakdown string
}

// Import writes a file whole, in one transaction: one submission per
// (organisation, year) it carries, versioned after the existing ones, and its
// observations. A group whose latest non-returned submission came from the
// same file is left alone and reported as unchanged.
func (s *Store) Import(ctx context.Context, req ImportRequest) (ImportResult, error) {
	return s.importFile(ctx, req, nil)
}

// ImportIf is Import that commits only if accept, called inside the
// transaction once everything is written, returns nil; otherwise nothing is
// written and its error is returned. It lets a caller finish checking a file
// while the file is being written. accept runs once per attempt.
func (s *Store) ImportIf(ctx context.Context, req ImportRequest, accept func() error) (ImportResult, error) {
	return s.importFile(ctx, req, func(context.Context, *sql.Tx, ImportResult) error { return accept() })
}

// importFile is Import with a hook run inside the transaction just before
// COMMIT, given what was written: a self-assessment's validation changes
// with its derived figure, and tests fail or kill an import after it has
// written.
func (s *Store) importFile(ctx context.Context, req ImportRequest, beforeCommit func(context.Context, *sql.Tx, ImportResult) error) (ImportResult, error) {
	plan, err := s.planImport(req)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import %s: %w", req.FileName, err)
	}
	unlock, err := s.versions.lock(ctx, plan.orgs)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import %s: %w", req.FileName, err)
	}
	defer unlock()
	var res ImportResult
	err = retryConflicts(ctx, req.FileName, func() error {
		var err error
		res, err = s.importOnce(ctx, req, plan, beforeCommit)
		return err
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import %s: %w", req.FileName, err)
	}
	return res, nil
}

// submissionIDs names submissions in the audit log: their ids, comma
// separated.
func submissionIDs(subs []domain.Submission) string {
	ids := make([]string, len(subs))
	for i, sub := range subs {
		ids[i] = strconv.FormatInt(sub.ID, 10)
	}
	return strings.Join(ids, ",")
}

// retryConflicts runs a transaction until it commits: when two write the
// same rows (the next version of the same organisation and year), DuckDB
// lets one win, and the other is retried after a short, jittered pause so
// that users never see the conflict. Any other error ends it at once.
func retryConflicts(ctx context.Context, name string, attempt func() error) error {
	for n := 1; ; n++ {
		err := attempt()
		if err == nil || !isWriteConflict(err) || n == importAttempts {
			return err
		}
		pause := min(importBackoff<<n, importMaxPause)
		pause = pause/2 + rand.N(pause/2)
		slog.DebugContext(ctx, "store: write conflict, retrying", "file", name, "attempt", n, "pause", pause, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
}

// planImport checks what can be checked without the database and splits the
// observations into one group per (organisation, year). It runs on every
// row of files of 100k rows, hence the small integer keys.
func (s *Store) planImport(req ImportRequest) (importPlan, error) {
	var plan importPlan
	switch {
	case req.Status != domain.StatusApproved && req.Status != domain.StatusSubmitted:
		return plan, domain.Errorf(domain.EINVALID, "error.status_not_importable", req.Status)
	case req.Kind != domain.KindFile && req.Kind != domain.KindForm && req.Kind != domain.KindRegister && req.Kind != domain.KindSelfAssessment:
		return plan, domain.Errorf(domain.EINVALID, "error.unknown_submission_kind", req.Kind)
	case req.FileName == "" || req.SHA256 == "":
		return plan, domain.Errorf(domain.EINVALID, "error.submission_needs_file")
	case len(req.Observations) == 0:
		return plan, domain.Errorf(domain.EINVALID, "error.no_observations")
	}
	groupOf := map[groupKey]int{}
	pairOf := map[pairKey]int32{}
	orgs := map[string]bool{}
	// seen[g][p] tells whether the group g already has the pair p: a few
	// dozen pairs per group, where a map of every (group, pair) of the file
	// would cost more than the rest of the plan.
	var seen [][]bool
	rowGroup := make([]int, len(req.Observations))
	plan.rowPair = make([]int32, len(req.Observations))
	var counts []int
	last, g := groupKey{}, -1
	for i, o := range req.Observations {
		if o.Year < 1 || o.Year > 9999 {
			return plan, refuseObservation(i, o, domain.Phrasef("error.observation.year_range"))
		}
		if math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
			return plan, refuseObservation(i, o, domain.Phrasef("error.observation.not_number"))
		}
		// Files usually list one organisation-year after the other.
		if k := (groupKey{o.Organisation, o.Year}); g < 0 || k != last {
			var ok bool
			if g, ok = groupOf[k]; !ok {
				g = len(plan.groups)
				groupOf[k] = g
				plan.groups = append(plan.groups, importGroup{organisation: o.Organisation, year: o.Year})
				counts = append(counts, 0)
				seen = append(seen, nil)
				if !orgs[o.Organisation] {
					orgs[o.Organisation] = true
					plan.orgs = append(plan.orgs, o.Organisation)
				}
			}
			last = k
		}
		pk := pairKey{o.Indicator, o.Breakdown}
		p, ok := pairOf[pk]
		if !ok {
			if why, ok := s.checkBreakdown(o.Indicator, o.Breakdown); !ok {
				return plan, refuseObservation(i, o, why)
			}
			p = int32(len(plan.pairs))
			pairOf[pk] = p
			plan.pairs = append(plan.pairs, pk)
			if !slices.Contains(plan.indicators, o.Indicator) {
				plan.indicators = append(plan.indicators, o.Indicator)
			}
		}
		if int(p) >= len(seen[g]) {
			seen[g] = append(seen[g], make([]bool, int(p)+1-len(seen[g]))...)
		}
		if seen[g][p] {
			return plan, refuseObservation(i, o, domain.Phrasef("error.observation.twice"))
		}
		seen[g][p] = true
		rowGroup[i] = g
		plan.rowPair[i] = p
		counts[g]++
	}
	for g := range plan.groups {
		plan.groups[g].rows = make([]int, 0, counts[g])
	}
	for i, g := range rowGroup {
		plan.groups[g].rows = append(plan.groups[g].rows, i)
	}
	return plan, nil
}

// refuseObservation says which observation of the request (i, from 0) is
// refused and why.
func refuseObservation(i int, o domain.Observation, why domain.Phrase) error {
	return domain.Errorf(domain.EINVALID, "error.observation_refused", i+1, o.Organisation, o.Year, o.Indicator, o.Breakdown, why)
}

// checkBreakdown refuses a breakdown value that its indicator does not have.
// Unknown indicators are left to checkCodes, which asks the reference tables.
func (s *Store) checkBreakdown(indicator, breakdown string) (why domain.Phrase, ok bool) {
	in, ok := s.Reference().Indicator(indicator)
	if !ok {
		return why, true
	}
	if in.Breakdown == "" {
		if breakdown != "" {
			return domain.Phrasef("error.observation.no_breakdown", indicator), false
		}
		return why, true
	}
	for _, v := range s.Reference().BreakdownValuesOf(in.Breakdown) {
		if v.Code == breakdown {
			return why, true
		}
	}
	return domain.Phrasef("error.observation.not_breakdown_value", in.Breakdown), false
}

// importOnce runs one attempt of the import transaction on its own
// connection.
func (s *Store) importOnce(ctx context.Context, req ImportRequest, plan importPlan, beforeCommit func(context.Context, *sql.Tx, ImportResult) error) (ImportResult, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	defer conn.Close()
	// The transaction ends only by our own Commit or Rollback: a context
	// given here would let database/sql roll back from another goroutine
	// while the appender holds the connection. Each statement still gets ctx.
	tx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return ImportResult{}, err
	}
	defer tx.Rollback() // after Commit this is a no-op

	res, err := s.writeGroups(ctx, conn, tx, req, plan)
	if err != nil || (len(res.Created) == 0 && req.Audit == nil) {
		return res, err
	}
	if beforeCommit != nil {
		if err := beforeCommit(ctx, tx, res); err != nil {
			return ImportResult{}, err
		}
	}
	if req.Audit != nil {
		e := *req.Audit
		e.Action, e.Subject = "upload", submissionIDs(res.Created)
		e.Detail = fmt.Sprintf("%s sha256=%s observations=%d unchanged=%d", req.FileName, req.SHA256, len(req.Observations), len(res.Unchanged))
		if err := s.auditIn(ctx, tx, e); err != nil {
			return ImportResult{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return ImportResult{}, fmt.Errorf("commit: %w", err)
	}
	return res, nil
}

// writeGroups writes, inside tx, one submission per planned (organisation,
// year) and its observations, skipping the groups whose latest submission
// came from the same file (reported as unchanged). Both a file import and a
// register's computed figures go through it.
func (s *Store) writeGroups(ctx context.Context, conn *sql.Conn, tx *sql.Tx, req ImportRequest, plan importPlan) (ImportResult, error) {
	if err := s.checkCodes(ctx, tx, plan); err != nil {
		return ImportResult{}, err
	}
	unchanged, err := s.sameFile(ctx, tx, req.SHA256)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	var todo []importGroup
	for _, g := range plan.groups {
		if sub, ok := unchanged[groupKey{g.organisation, g.year}]; ok {
			res.Unchanged = append(res.Unchanged, sub)
			continue
		}
		todo = append(todo, g)
	}
	if len(todo) == 0 {
		return res, nil
	}
	created, err := s.insertSubmissions(ctx, tx, req, todo)
	if err != nil {
		return ImportResult{}, err
	}
	if err := appendObservations(conn, req.Observations, plan, todo, created); err != nil {
		return ImportResult{}, err
	}
	res.Created = created
	return res, nil
}

// checkCodes is the last line of defence: every organisation and indicator
// code must be in the reference tables.
func (s *Store) checkCodes(ctx context.Context, tx *sql.Tx, plan importPlan) error {
	rows, err := tx.QueryContext(ctx, s.query("store_import_unknown_codes"), plan.orgs, plan.indicators)
	if err != nil {
		return fmt.Errorf("check codes: %w", err)
	}
	defer rows.Close()
	unknown := map[string]domain.List{}
	for rows.Next() {
		var kind, code string
		if err := rows.Scan(&kind, &code); err != nil {
			return fmt.Errorf("check codes: %w", err)
		}
		unknown[kind] = append(unknown[kind], domain.Quoted(code))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check codes: %w", err)
	}
	orgs, inds := unknown["organisation"], unknown["indicator"]
	switch {
	case len(orgs) > 0 && len(inds) > 0:
		return domain.Errorf(domain.EINVALID, "error.unknown_organisation_indicator_codes", orgs, inds)
	case len(orgs) > 0:
		return domain.Errorf(domain.EINVALID, "error.unknown_organisation_codes", orgs)
	case len(inds) > 0:
		return domain.Errorf(domain.EINVALID, "error.unknown_indicator_codes", inds)
	}
	return nil
}

// sameFile returns, by (organisation, year), the submissions that are the
// latest non-returned one of their group and came from the file with this
// SHA-256.
func (s *Store) sameFile(ctx context.Context, tx *sql.Tx, sha string) (map[groupKey]domain.Submission, error) {
	rows, err := tx.QueryContext(ctx, s.query("store_import_same_file"), sha)
	if err != nil {
		return nil, fmt.Errorf("find earlier imports: %w", err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("find earlier imports: %w", err)
	}
	out := make(map[groupKey]domain.Submission, len(subs))
	for _, sub := range subs {
		out[groupKey{sub.Organisation, sub.Year}] = sub
	}
	return out, nil
}

// insertSubmissions writes one submission per group in one statement and
// returns them in the order of groups.
func (s *Store) insertSubmissions(ctx context.Context, tx *sql.Tx, req ImportRequest, groups []importGroup) ([]domain.Submission, error) {
	orgs := make([]string, len(groups))
	years := make([]int32, len(groups)) // the driver binds INTEGER[] from []int32 only
	for i, g := range groups {
		orgs[i], years[i] = g.organisation, int32(g.year)
	}
	rows, err := tx.QueryContext(ctx, s.query("store_import_insert_submissions"),
		orgs, years, req.FileName, req.SHA256, req.Source, req.Kind, req.Status)
	if err != nil {
		return nil, fmt.Errorf("insert submissions: %w", err)
	}
	subs, err := scanSubmissions(rows)
	if err != nil {
		return nil, fmt.Errorf("insert submissions: %w", err)
	}
	byGroup := make(map[groupKey]domain.Submission, len(subs))
	for _, sub := range subs {
		byGroup[groupKey{sub.Organisation, sub.Year}] = sub
	}
	out := make([]domain.Submission, len(groups))
	for i, g := range groups {
		sub, ok := byGroup[groupKey{g.organisation, g.year}]
		if !ok {
			return nil, fmt.Errorf("insert submissions: no submission returned for %s/%d", g.organisation, g.year)
		}
		sub.Observations = len(g.rows)
		out[i] = sub
	}
	return out, nil
}

// appendObservations bulk-loads the observations of each group under its
// submission with the Appender, which writes into the connection's open
// transaction: a rollback discards them.
func appendObservations(conn *sql.Conn, obs []domain.Observation, plan importPlan, groups []importGroup, subs []domain.Submission) error {
	// The Appender takes each value as an interface, and copies a string
	// into a []byte before handing it to DuckDB: the codes are boxed, as
	// []byte, once per pair and per group rather than once per row.
	pairs := make([][2]driver.Value, len(plan.pairs))
	for i, p := range plan.pairs {
		pairs[i] = [2]driver.Value{[]byte(p.indicator), []byte(p.breakdown)}
	}
	return conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("append observations: driver connection is %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(dconn, "", "observations")
		if err != nil {
			return fmt.Errorf("append observations: %w", err)
		}
		var appendErr error
	groups:
		for i, g := range groups {
			id, org, year := driver.Value(subs[i].ID), driver.Value([]byte(g.organisation)), driver.Value(int32(g.year))
			for _, row := range g.rows {
				p := &pairs[plan.rowPair[row]]
				if appendErr = app.AppendRow(id, org, year, p[0], p[1], obs[row].Value); appendErr != nil {
					break groups
				}
			}
		}
		if err := errors.Join(appendErr, app.Close()); err != nil {
			return fmt.Errorf("append observations: %w", err)
		}
		return nil
	})
}

// isWriteConflict tells whether err is DuckDB refusing a transaction because
// another one wrote first. The only constraint an import can break is the
// unique (organisation, year, version) of a concurrent import of the same
// group, so a constraint violation is a conflict too.
func isWriteConflict(err error) bool {
	var de *duckdb.Error
	if !errors.As(err, &de) {
		return false
	}
	return de.Type == duckdb.ErrorTypeTransaction || de.Type == duckdb.ErrorTypeConstraint
}
