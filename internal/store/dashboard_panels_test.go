package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

// dashboardFixture loads FIN (group fps_defence) and SFP (social_security)
// for 2022-2024 as approved, plus a submitted (unpublished) POL 2024.
func dashboardFixture(t *testing.T) *Store {
	t.Helper()
	s, _ := MustOpen(t)
	ctx := context.Background()
	add := func(status, org string, year int, received float64) {
		obs := []domain.Observation{
			{Organisation: org, Year: year, Indicator: "received", Value: received},
			{Organisation: org, Year: year, Indicator: "admissible", Value: received - 10},
			{Organisation: org, Year: year, Indicator: "inadmissible", Value: 10},
			{Organisation: org, Year: year, Indicator: "by_channel", Breakdown: "email", Value: received - 5},
			{Organisation: org, Year: year, Indicator: "by_channel", Breakdown: "letter", Value: 5},
		}
		name := fmt.Sprintf("%s-%d-%s.csv", org, year, status)
		if _, err := s.Import(ctx, ImportRequest{FileName: name, SHA256: name, Source: "test", Kind: domain.KindFile, Status: status, Observations: obs}); err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
	}
	for year := 2022; year <= 2024; year++ {
		add(domain.StatusApproved, "FIN", year, float64(100*year-202000))
		add(domain.StatusApproved, "SFP", year, float64(50*year-100000))
	}
	add(domain.StatusSubmitted, "POL", 2024, 999)
	return s
}

type obsKey struct {
	org       string
	year      int
	indicator string
	breakdown string
}

func keysOf(obs []domain.Observation) []obsKey {
	out := make([]obsKey, len(obs))
	for i, o := range obs {
		out[i] = obsKey{o.Organisation, o.Year, o.Indicator, o.Breakdown}
	}
	return out
}

func TestDashboardQueries(t *testing.T) {
	s := dashboardFixture(t)
	ctx := context.Background()

	t.Run("years are the published ones", func(t *testing.T) {
		years, err := s.DashboardYears(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(years, []int{2022, 2023, 2024}) {
			t.Errorf("years = %v", years)
		}
	})

	tests := []struct {
		name  string
		query func() ([]domain.Observation, error)
		want  []obsKey
	}{
		{"compare: year and the year before, one group, breakdowns kept", func() ([]domain.Observation, error) {
			return s.DashboardCompare(ctx, Scope{Group: "social_security"}, 2024, []string{"by_channel"})
		}, []obsKey{
			{"SFP", 2023, "by_channel", "email"}, {"SFP", 2023, "by_channel", "letter"},
			{"SFP", 2024, "by_channel", "email"}, {"SFP", 2024, "by_channel", "letter"},
		}},
		{"compare: the terms of a rate, one administration", func() ([]domain.Observation, error) {
			return s.DashboardCompare(ctx, Scope{Organisation: "FIN"}, 2023, []string{"admissible", "received"})
		}, []obsKey{
			{"FIN", 2022, "admissible", ""}, {"FIN", 2022, "received", ""},
			{"FIN", 2023, "admissible", ""}, {"FIN", 2023, "received", ""},
		}},
		{"compare: unpublished submissions stay out", func() ([]domain.Observation, error) {
			return s.DashboardCompare(ctx, Scope{Organisation: "POL"}, 2024, []string{"received"})
		}, []obsKey{}},
		{"trends: all years, plain values only", func() ([]domain.Observation, error) {
			return s.DashboardTrends(ctx, Scope{}, []string{"received", "by_channel"})
		}, []obsKey{
			{"FIN", 2022, "received", ""}, {"FIN", 2023, "received", ""}, {"FIN", 2024, "received", ""},
			{"SFP", 2022, "received", ""}, {"SFP", 2023, "received", ""}, {"SFP", 2024, "received", ""},
		}},
		{"profile: every value of one administration", func() ([]domain.Observation, error) {
			obs, err := s.DashboardProfile(ctx, "SFP")
			return filterYear(obs, 2022), err
		}, []obsKey{
			{"SFP", 2022, "admissible", ""}, {"SFP", 2022, "by_channel", "email"}, {"SFP", 2022, "by_channel", "letter"},
			{"SFP", 2022, "inadmissible", ""}, {"SFP", 2022, "received", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obs, err := tt.query()
			if err != nil {
				t.Fatal(err)
			}
			if got := keysOf(obs); !slices.Equal(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}

	t.Run("network: plain values of every administration with their value", func(t *testing.T) {
		obs, err := s.DashboardNetwork(ctx, Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if len(obs) != 2*3*3 {
			t.Errorf("got %d values, want 18 (2 administrations, 3 years, 3 plain indicators)", len(obs))
		}
		for _, o := range obs {
			if o.Breakdown != "" {
				t.Errorf("breakdown value %+v in the network panel", o)
			}
			if o.Organisation == "FIN" && o.Year == 2024 && o.Indicator == "received" && o.Value != 400 {
				t.Errorf("FIN 2024 received = %v, want 400", o.Value)
			}
		}
	})

	t.Run("a measure has one to three terms", func(t *testing.T) {
		for _, terms := range [][]string{nil, {"a", "b", "c", "d"}} {
			if _, err := s.DashboardCompare(ctx, Scope{}, 2024, terms); err == nil {
				t.Errorf("DashboardCompare accepted %d indicators", len(terms))
			}
		}
	})
}

func filterYear(obs []domain.Observation, year int) []domain.Observation {
	out := []domain.Observation{}
	for _, o := range obs {
		if o.Year == year {
			out = append(out, o)
		}
	}
	return out
}
