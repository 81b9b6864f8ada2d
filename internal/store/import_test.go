package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// importStep is one thing that happens to the database in a scenario: a file
// is imported, or (when review is set) an earlier submission changes status.
type importStep struct {
	req ImportRequest

	wantCreated   []int // versions of the submissions created, in file order
	wantUnchanged []int // versions of the submissions reported unchanged

	review *review
}

// review sets the status of the submission created by an earlier step.
type review struct {
	step, created int
	status        string
}

// historyRow is what History must say about one submission.
type historyRow struct {
	year, version int
	file, status  string
	observations  int
}

func TestImport(t *testing.T) {
	tests := []struct {
		name          string
		steps         []importStep
		wantPublished []domain.Observation
		wantHistory   map[string][]historyRow
	}{
		{
			name: "versions count up per organisation and year",
			steps: []importStep{
				{req: importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=10")), wantCreated: []int{1}},
				{req: importFile("b.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=11")), wantCreated: []int{2}},
				{req: importFile("c.csv", domain.StatusApproved, obsOf(t, "FIN", 2023, "received=12")), wantCreated: []int{1}},
				{req: importFile("d.csv", domain.StatusApproved,
					obsOf(t, "JUST", 2022, "received=5"), obsOf(t, "FIN", 2022, "received=13")), wantCreated: []int{1, 3}},
			},
			wantPublished: slices.Concat(
				obsOf(t, "FIN", 2022, "received=13"),
				obsOf(t, "FIN", 2023, "received=12"),
				obsOf(t, "JUST", 2022, "received=5"),
			),
			wantHistory: map[string][]historyRow{
				"FIN": {
					{2022, 3, "d.csv", domain.StatusApproved, 1},
					{2023, 1, "c.csv", domain.StatusApproved, 1},
					{2022, 2, "b.csv", domain.StatusApproved, 1},
					{2022, 1, "a.csv", domain.StatusApproved, 1},
				},
				"JUST": {{2022, 1, "d.csv", domain.StatusApproved, 1}},
			},
		},
		{
			name: "a newer submission supersedes only the indicators it carries",
			steps: []importStep{
				{req: importFile("full.csv", domain.StatusApproved, obsOf(t, "FIN", 2022,
					"received=100 admissible=80 inadmissible=20 by_channel:email=60 by_channel:letter=40")), wantCreated: []int{1}},
				{req: importFile("fix.csv", domain.StatusApproved, obsOf(t, "FIN", 2022,
					"received=120 by_channel:email=120")), wantCreated: []int{2}},
			},
			// by_channel is superseded as a whole: the letter part of v1 is gone.
			wantPublished: obsOf(t, "FIN", 2022, "admissible=80 by_channel:email=120 inadmissible=20 received=120"),
			wantHistory: map[string][]historyRow{"FIN": {
				{2022, 2, "fix.csv", domain.StatusApproved, 2},
				{2022, 1, "full.csv", domain.StatusApproved, 5},
			}},
		},
		{
			name: "an identical re-import writes nothing and is reported unchanged",
			steps: []importStep{
				{req: importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=10"), obsOf(t, "FIN", 2023, "received=20")), wantCreated: []int{1, 1}},
				{req: importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=10"), obsOf(t, "FIN", 2023, "received=20")), wantUnchanged: []int{1, 1}},
			},
			wantPublished: slices.Concat(obsOf(t, "FIN", 2022, "received=10"), obsOf(t, "FIN", 2023, "received=20")),
			wantHistory: map[string][]historyRow{"FIN": {
				{2023, 1, "a.csv", domain.StatusApproved, 1},
				{2022, 1, "a.csv", domain.StatusApproved, 1},
			}},
		},
		{
			name: "a returned submission is not published and its file may come again",
			steps: []importStep{
				{req: importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=100")), wantCreated: []int{1}},
				{req: importFile("b.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=150 admissible=150"), obsOf(t, "FIN", 2023, "received=7")), wantCreated: []int{2, 1}},
				{review: &review{step: 1, created: 0, status: domain.StatusReturned}},
				// FIN 2022's latest non-returned submission is now a.csv; FIN 2023's is still b.csv.
				{req: importFile("b.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2022, "received=150 admissible=150"), obsOf(t, "FIN", 2023, "received=7")), wantCreated: []int{3}, wantUnchanged: []int{1}},
			},
			wantPublished: slices.Concat(obsOf(t, "FIN", 2022, "received=100"), obsOf(t, "FIN", 2023, "received=7")),
			wantHistory: map[string][]historyRow{"FIN": {
				{2022, 3, "b.csv", domain.StatusSubmitted, 2},
				{2023, 1, "b.csv", domain.StatusApproved, 1},
				{2022, 2, "b.csv", domain.StatusReturned, 2},
				{2022, 1, "a.csv", domain.StatusApproved, 1},
			}},
		},
		{
			name: "a submitted file is published only once approved",
			steps: []importStep{
				{req: importFile("a.csv", domain.StatusApproved, obsOf(t, "JUST", 2021, "received=3")), wantCreated: []int{1}},
				{req: importFile("b.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2022, "received=10")), wantCreated: []int{1}},
				{req: importFile("c.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2023, "received=20")), wantCreated: []int{1}},
				{review: &review{step: 2, created: 0, status: domain.StatusApproved}},
			},
			wantPublished: slices.Concat(obsOf(t, "FIN", 2023, "received=20"), obsOf(t, "JUST", 2021, "received=3")),
			wantHistory: map[string][]historyRow{"FIN": {
				{2023, 1, "c.csv", domain.StatusApproved, 1},
				{2022, 1, "b.csv", domain.StatusSubmitted, 1},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := MustOpen(t)
			results := make([]ImportResult, len(tt.steps))
			for i, step := range tt.steps {
				before, err := s.DataVersion(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if step.review != nil {
					setStatus(t, s, results[step.review.step].Created[step.review.created].ID, step.review.status)
				} else {
					results[i] = mustImport(t, s, step.req)
					checkImportResult(t, s, i, step, results[i])
				}
				after, err := s.DataVersion(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if wrote := step.review != nil || len(step.wantCreated) > 0; wrote == (before == after) {
					t.Errorf("step %d: data version %d -> %d, want a change: %v", i, before, after, wrote)
				}
			}
			got, err := s.Published(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.wantPublished) {
				t.Errorf("published:\n got %v\nwant %v", got, tt.wantPublished)
			}
			for org, want := range tt.wantHistory {
				hist, err := s.History(ctx, org)
				if err != nil {
					t.Fatal(err)
				}
				var rows []historyRow
				for _, sub := range hist {
					rows = append(rows, historyRow{sub.Year, sub.Version, sub.FileName, sub.Status, sub.Observations})
				}
				if !slices.Equal(rows, want) {
					t.Errorf("history of %s:\n got %v\nwant %v", org, rows, want)
				}
			}
		})
	}
}

// checkImportResult compares what one import reports with what the step
// expects, and with what the database then holds for each new submission.
func checkImportResult(t *testing.T, s *Store, i int, step importStep, res ImportResult) {
	t.Helper()
	versions := func(subs []domain.Submission) []int {
		var out []int
		for _, sub := range subs {
			out = append(out, sub.Version)
		}
		return out
	}
	if got := versions(res.Created); !slices.Equal(got, step.wantCreated) {
		t.Errorf("step %d: created versions %v, want %v", i, got, step.wantCreated)
	}
	if got := versions(res.Unchanged); !slices.Equal(got, step.wantUnchanged) {
		t.Errorf("step %d: unchanged versions %v, want %v", i, got, step.wantUnchanged)
	}
	for _, created := range res.Created {
		sub, obs, err := s.Submission(context.Background(), created.ID)
		if err != nil {
			t.Fatalf("step %d: submission %d: %v", i, created.ID, err)
		}
		if sub != created {
			t.Errorf("step %d: stored submission\n %+v\nreported\n %+v", i, sub, created)
		}
		if sub.SHA256 != step.req.SHA256 || sub.Status != step.req.Status || sub.Source != step.req.Source || sub.Kind != step.req.Kind {
			t.Errorf("step %d: submission %+v does not carry the request's sha, status, source and kind", i, sub)
		}
		var want []domain.Observation
		for _, o := range step.req.Observations {
			if o.Organisation == sub.Organisation && o.Year == sub.Year {
				want = append(want, o)
			}
		}
		slices.SortFunc(want, compareObservations)
		if !slices.Equal(obs, want) {
			t.Errorf("step %d: observations of submission %d:\n got %v\nwant %v", i, sub.ID, obs, want)
		}
		if sub.Observations != len(want) {
			t.Errorf("step %d: submission %d counts %d observations, want %d", i, sub.ID, sub.Observations, len(want))
		}
	}
}

func compareObservations(a, b domain.Observation) int {
	if c := compareStrings(a.Organisation, b.Organisation); c != 0 {
		return c
	}
	if a.Year != b.Year {
		return a.Year - b.Year
	}
	if c := compareStrings(a.Indicator, b.Indicator); c != 0 {
		return c
	}
	return compareStrings(a.Breakdown, b.Breakdown)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestImportRefusedLeavesDatabaseUnchanged(t *testing.T) {
	errInjected := errors.New("injected after the appender")
	valid := obsOf(t, "FIN", 2023, "received=10 admissible=8 inadmissible=2 by_channel:email=10")
	tests := []struct {
		name         string
		req          ImportRequest
		beforeCommit func(context.Context, *sql.Tx, ImportResult) error
		wantCode     string // domain error code, or empty when wantErr is set
		wantErr      error
	}{
		{
			name:     "unknown indicator code",
			req:      importFile("bad.csv", domain.StatusApproved, valid, obsOf(t, "FIN", 2023, "recieved=10")),
			wantCode: domain.EINVALID,
		},
		{
			name:     "unknown organisation code",
			req:      importFile("bad.csv", domain.StatusApproved, valid, obsOf(t, "MINFIN", 2023, "received=10")),
			wantCode: domain.EINVALID,
		},
		{
			name:     "breakdown value outside its breakdown",
			req:      importFile("bad.csv", domain.StatusApproved, valid, obsOf(t, "FIN", 2023, "by_language:email=10")),
			wantCode: domain.EINVALID,
		},
		{
			name:     "breakdown on an indicator without one",
			req:      importFile("bad.csv", domain.StatusApproved, obsOf(t, "FIN", 2023, "closed:email=10")),
			wantCode: domain.EINVALID,
		},
		{
			name:     "the same key twice",
			req:      importFile("bad.csv", domain.StatusApproved, valid, obsOf(t, "FIN", 2023, "received=11")),
			wantCode: domain.EINVALID,
		},
		{
			name:     "a returned status",
			req:      importFile("bad.csv", domain.StatusReturned, valid),
			wantCode: domain.EINVALID,
		},
		{
			name:     "no observations",
			req:      importFile("bad.csv", domain.StatusApproved),
			wantCode: domain.EINVALID,
		},
		{
			name: "an error after the appender wrote",
			req:  importFile("late.csv", domain.StatusApproved, valid, obsOf(t, "JUST", 2023, "received=4")),
			beforeCommit: func(ctx context.Context, tx *sql.Tx, _ ImportResult) error {
				// Prove the rows are there, inside the transaction, before failing.
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM observations WHERE year = 2023`).Scan(&n); err != nil {
					return err
				}
				if n != 5 {
					return fmt.Errorf("%d observations of 2023 inside the transaction, want 5", n)
				}
				return errInjected
			},
			wantErr: errInjected,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := MustOpen(t)
			mustImport(t, s, importFile("before.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=3 admissible=3")))
			before := dumpTables(t, s.db)
			version, err := s.DataVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}

			res, err := s.importFile(ctx, tt.req, tt.beforeCommit)
			if err == nil {
				t.Fatalf("import accepted: %+v", res)
			}
			t.Logf("refused: %v", err)
			var de *domain.Error
			switch {
			case tt.wantCode != "" && (!errors.As(err, &de) || de.Code != tt.wantCode):
				t.Errorf("error %v, want code %s", err, tt.wantCode)
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}

			compareDumps(t, before, dumpTables(t, s.db))
			if after, err := s.DataVersion(ctx); err != nil || after != version {
				t.Errorf("data version %d -> %d (%v), want unchanged", version, after, err)
			}
			// The store is still usable, and the next version is still 2.
			res = mustImport(t, s, importFile("after.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=4")))
			if len(res.Created) != 1 || res.Created[0].Version != 2 {
				t.Errorf("import after the refusal created %+v, want version 2", res.Created)
			}
		})
	}
}
