package web

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/domain"
)

// profileCriteria is the criteria section of a public profile: the
// validated self-assessments over the years, one column per year, and the
// latest mystery-shopping check.
type profileCriteria struct {
	Years []int
	Rows  []profileCriterionRow
	Met   []int // criteria met per year, in the order of Years
	Check string
}

type profileCriterionRow struct {
	criterionHead
	Cells []stateCell // one per year
}

// buildProfileCriteria reads what the profile of org shows about the
// criteria. Only validated assessments are public.
func (s *Server) buildProfileCriteria(ctx context.Context, org string, l Locale) (profileCriteria, error) {
	var pc profileCriteria
	assessments, err := s.st.AssessmentsOf(ctx, org, true)
	if err != nil {
		return pc, fmt.Errorf("web: profile criteria %s: %w", org, err)
	}
	checks, err := s.st.LatestMysteryChecks(ctx, 0)
	if err != nil {
		return pc, fmt.Errorf("web: profile criteria %s: %w", org, err)
	}
	var check *domain.MysteryCheck
	if m, ok := checks[org]; ok {
		check = &m
		pc.Check = checkSummary(l, m)
	}
	byYear := make([][]stateCell, len(assessments))
	for i, a := range assessments {
		pc.Years = append(pc.Years, a.Year)
		pc.Met = append(pc.Met, a.Met())
		// The check is evidence beside the latest year only.
		var ev *domain.MysteryCheck
		if i == len(assessments)-1 {
			ev = check
		}
		byYear[i] = stateCells(l, a, ev)
	}
	for n, h := range s.criterionHeads(l) {
		row := profileCriterionRow{criterionHead: h}
		for i := range assessments {
			row.Cells = append(row.Cells, byYear[i][n])
		}
		pc.Rows = append(pc.Rows, row)
	}
	return pc, nil
}
