package store

import (
	"context"
	"errors"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func TestSubmissionMissing(t *testing.T) {
	s, _ := MustOpen(t)
	res := mustImport(t, s, importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=10")))
	for _, id := range []int64{0, -1, res.Created[0].ID + 1} {
		_, obs, err := s.Submission(context.Background(), id)
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.ENOTFOUND {
			t.Errorf("submission %d: error %v, want %s", id, err, domain.ENOTFOUND)
		}
		if obs != nil {
			t.Errorf("submission %d: observations %v, want none", id, obs)
		}
	}
}

func TestHistoryOfOrganisationWithoutSubmissions(t *testing.T) {
	s, _ := MustOpen(t)
	mustImport(t, s, importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=10")))
	for _, org := range []string{"JUST", "NOSUCH"} {
		hist, err := s.History(context.Background(), org)
		if err != nil {
			t.Fatalf("history of %s: %v", org, err)
		}
		if len(hist) != 0 {
			t.Errorf("history of %s: %+v, want none", org, hist)
		}
	}
}
