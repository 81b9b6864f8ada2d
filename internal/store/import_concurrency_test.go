package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func TestImportConcurrentFiles(t *testing.T) {
	tests := []struct {
		name      string
		files     int
		sameGroup bool // every file for FIN 2022 instead of one (organisation, year) each
	}{
		{name: "different organisation-years", files: 20},
		{name: "the same organisation-year", files: 8, sameGroup: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := MustOpen(t)
			rng := rand.New(rand.NewPCG(7, 7))
			reqs := make([]ImportRequest, tt.files)
			for i := range reqs {
				org, year := s.Reference().Organisations[i%len(s.Reference().Organisations)].Code, 2000+i
				if tt.sameGroup {
					org, year = "FIN", 2022
				}
				name := fmt.Sprintf("file%02d.csv", i)
				reqs[i] = importFile(name, domain.StatusApproved, sampleYear(s.Reference(), rng, org, year))
			}

			results := make([]ImportResult, len(reqs))
			errs := make([]error, len(reqs))
			var wg sync.WaitGroup
			for i, req := range reqs {
				wg.Go(func() { results[i], errs[i] = s.Import(context.Background(), req) })
			}
			wg.Wait()

			var versions []int
			for i, res := range results {
				if errs[i] != nil {
					t.Fatalf("import %d: %v", i, errs[i])
				}
				if len(res.Created) != 1 {
					t.Fatalf("import %d created %d submissions, want 1", i, len(res.Created))
				}
				sub, obs, err := s.Submission(context.Background(), res.Created[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				if sub.FileName != reqs[i].FileName {
					t.Errorf("submission %d holds file %s, want %s", sub.ID, sub.FileName, reqs[i].FileName)
				}
				want := slices.Clone(reqs[i].Observations)
				slices.SortFunc(want, compareObservations)
				if !slices.Equal(obs, want) {
					t.Errorf("submission %d (%s) holds other observations than its file", sub.ID, sub.FileName)
				}
				versions = append(versions, sub.Version)
			}
			var total int
			if err := s.db.QueryRow(`SELECT count(*) FROM submissions`).Scan(&total); err != nil {
				t.Fatal(err)
			}
			if total != tt.files {
				t.Errorf("%d submissions stored, want %d", total, tt.files)
			}
			slices.Sort(versions)
			for i, v := range versions {
				want := 1
				if tt.sameGroup {
					want = i + 1
				}
				if v != want {
					t.Errorf("versions %v, want each organisation-year numbered from 1 without gaps", versions)
					break
				}
			}
		})
	}
}
