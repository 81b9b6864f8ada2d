package web

import (
	"context"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// allAnswers answers the 14 criteria: the first met ones met, the rest not.
func allAnswers(met int) []domain.Answer {
	out := make([]domain.Answer, domain.CriteriaCount)
	for i := range out {
		state := domain.StateNotMet
		if i < met {
			state = domain.StateMet
		}
		out[i] = domain.Answer{Criterion: i + 1, State: state}
	}
	return out
}

// submittedAssessments submits a self-assessment of agency's organisation
// for each year and returns their ids.
func submittedAssessments(tb testing.TB, st *store.Store, agency domain.Account, years ...int) []int64 {
	tb.Helper()
	var ids []int64
	for _, y := range years {
		a, err := st.SubmitAssessment(context.Background(), domain.AuditEntry{Actor: agency.Email}, agency.Organisation, y, allAnswers(12))
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}
