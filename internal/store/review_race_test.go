package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// TestConcurrentReviewsConflict: two coordinators approving and returning
// the same submissions at once (issue 23, N7, answered 500 with DuckDB's
// "Conflict on tuple deletion"). Each review either lands or is ECONFLICT,
// and every submission ends with exactly one review in the audit.
func TestConcurrentReviewsConflict(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	var subs []domain.Submission
	for i, org := range []string{"FIN", "JUST", "RSZ", "BOSA"} {
		for year := 2015; year <= 2020; year++ {
			if _, ok := s.Reference().Organisation(org); !ok {
				t.Fatalf("no organisation %s in the reference", org)
			}
			res := mustImport(t, s, importFile(fmt.Sprintf("f%d-%d.csv", i, year), domain.StatusSubmitted, obsOf(t, org, year, "received=10")))
			subs = append(subs, res.Created...)
		}
	}
	landed := make([][2]bool, len(subs))
	var wg sync.WaitGroup
	for who, status := range []string{domain.StatusApproved, domain.StatusReturned} {
		wg.Go(func() {
			by := domain.AuditEntry{Actor: fmt.Sprintf("coord%d@x.be", who), Address: "192.0.2.1"}
			for i, sub := range subs {
				_, err := s.Review(ctx, by, sub, status, "checked")
				switch {
				case err == nil:
					landed[i][who] = true
				case errCode(err) != domain.ECONFLICT:
					t.Errorf("review %s of submission %d: %v, want ECONFLICT", status, sub.ID, err)
				}
			}
		})
	}
	wg.Wait()
	for i, sub := range subs {
		if landed[i][0] == landed[i][1] {
			t.Errorf("submission %d: approve landed %v, return landed %v: want exactly one", sub.ID, landed[i][0], landed[i][1])
		}
	}
}
