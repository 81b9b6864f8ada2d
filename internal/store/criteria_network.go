package store

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// Matrix is the network's criteria for one year: one row per organisation of
// the group (every group when Group is empty), in catalogue order.
type Matrix struct {
	Year  int
	Group string
	Rows  []MatrixRow
}

// MatrixRow is one organisation in the matrix.
type MatrixRow struct {
	Organisation string
	Group        string
	Assessment   *domain.Assessment   // its validated self-assessment for the year; nil when it has none
	Check        *domain.MysteryCheck // its latest mystery-shopping check sent that year or before; nil when none
}

// CriterionCount says how many validated assessments of a matrix put one
// criterion in each state.
type CriterionCount struct {
	Criterion int
	Met       int
	Partly    int
	NotMet    int
}

// Assessed counts the rows that have a validated assessment.
func (m Matrix) Assessed() int {
	n := 0
	for _, r := range m.Rows {
		if r.Assessment != nil {
			n++
		}
	}
	return n
}

// Counts returns, for criteria 1 to 14, how many of the matrix's validated
// assessments meet it, partly meet it and do not. They come from the matrix
// itself so that the counts always match the table shown beside them.
func (m Matrix) Counts() []CriterionCount {
	out := make([]CriterionCount, domain.CriteriaCount)
	for i := range out {
		out[i].Criterion = i + 1
	}
	for _, r := range m.Rows {
		if r.Assessment == nil {
			continue
		}
		for _, a := range r.Assessment.Answers {
			c := &out[a.Criterion-1]
			switch a.State {
			case domain.StateMet:
				c.Met++
			case domain.StatePartly:
				c.Partly++
			case domain.StateNotMet:
				c.NotMet++
			}
		}
	}
	return out
}

// CriteriaMatrix returns the validated self-assessments of year for the
// organisations of group (all when empty), with each organisation's latest
// mystery-shopping check as evidence for criteria 8 and 9. Organisations
// without a validated assessment are listed with none. An unknown group is
// EINVALID.
func (s *Store) CriteriaMatrix(ctx context.Context, year int, group string) (Matrix, error) {
	m := Matrix{Year: year, Group: group}
	if !s.knownGroup(group) {
		return m, domain.Errorf(domain.EINVALID, "error.no_group", group)
	}
	assessments, err := s.queryAssessments(ctx, s.db, s.query("criteria_matrix"), year, group)
	if err != nil {
		return m, fmt.Errorf("store: criteria matrix %d %q: %w", year, group, err)
	}
	checks, err := s.LatestMysteryChecks(ctx, year)
	if err != nil {
		return m, err
	}
	byOrg := make(map[string]*domain.Assessment, len(assessments))
	for i := range assessments {
		byOrg[assessments[i].Organisation] = &assessments[i]
	}
	for _, o := range s.Reference().Organisations {
		// The administrations of the year, in their group of the year; one
		// that ended still shows a validated assessment of a year it existed.
		if (group != "" && o.GroupIn(year) != group) || (!o.ActiveIn(year) && byOrg[o.Code] == nil) {
			continue
		}
		row := MatrixRow{Organisation: o.Code, Group: o.GroupIn(year), Assessment: byOrg[o.Code]}
		if c, ok := checks[o.Code]; ok {
			row.Check = &c
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}

// knownGroup tells whether group is empty (all) or a group of the catalogue.
func (s *Store) knownGroup(group string) bool {
	if group == "" {
		return true
	}
	_, ok := s.Reference().Group(group)
	return ok
}

// ProtocolEntry is an administration that meets all 14 criteria in a year,
// and the first year of its unbroken run of such years.
type ProtocolEntry struct {
	Organisation string
	Since        int
}

// ProtocolEligible lists the administrations of group (all when empty) whose
// validated self-assessment for year meets all 14 criteria: they may sign
// the collaboration protocol with the Federal Ombudsman. Since is the first
// year of the unbroken run of validated all-14 years that ends at year; a
// year without a validated assessment, or with one criterion short, breaks
// the run.
func (s *Store) ProtocolEligible(ctx context.Context, year int, group string) ([]ProtocolEntry, error) {
	if !s.knownGroup(group) {
		return nil, domain.Errorf(domain.EINVALID, "error.no_group", group)
	}
	rows, err := s.db.QueryContext(ctx, s.query("criteria_protocol"), year, group, domain.CriteriaCount)
	if err != nil {
		return nil, fmt.Errorf("store: protocol list %d %q: %w", year, group, err)
	}
	defer rows.Close()
	var out []ProtocolEntry
	for rows.Next() {
		var e ProtocolEntry
		if err := rows.Scan(&e.Organisation, &e.Since); err != nil {
			return nil, fmt.Errorf("store: protocol list %d %q: %w", year, group, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: protocol list %d %q: %w", year, group, err)
	}
	return out, nil
}

// Disagreement is an uploaded criteria_met that differs from the number of
// criteria met in the validated self-assessment of the same organisation and
// year.
type Disagreement struct {
	Organisation string
	Year         int
	Uploaded     float64
	Derived      int
	SubmissionID int64
	Status       string // of the upload: submitted or approved
}

// CriteriaDisagreements lists, newest year first, the organisation-years
// whose latest non-returned upload carrying criteria_met disagrees with
// their validated self-assessment: for the coordinator to sort out, since
// the published figure is the derived one.
func (s *Store) CriteriaDisagreements(ctx context.Context) ([]Disagreement, error) {
	rows, err := s.db.QueryContext(ctx, s.query("criteria_disagreements"))
	if err != nil {
		return nil, fmt.Errorf("store: criteria_met disagreements: %w", err)
	}
	defer rows.Close()
	var out []Disagreement
	for rows.Next() {
		var d Disagreement
		if err := rows.Scan(&d.Organisation, &d.Year, &d.Uploaded, &d.Derived, &d.SubmissionID, &d.Status); err != nil {
			return nil, fmt.Errorf("store: criteria_met disagreements: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: criteria_met disagreements: %w", err)
	}
	return out, nil
}
