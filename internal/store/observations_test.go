package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func TestPublishedFilter(t *testing.T) {
	s, _ := MustOpen(t)
	mustImport(t, s, importFile("fin.csv", domain.StatusApproved,
		obsOf(t, "FIN", 2022, "received=10 admissible=8 by_channel:email=4 by_channel:letter=6"),
		obsOf(t, "FIN", 2023, "received=12 admissible=9")))
	mustImport(t, s, importFile("just.csv", domain.StatusApproved, obsOf(t, "JUST", 2023, "received=30 admissible=20")))
	mustImport(t, s, importFile("def.csv", domain.StatusSubmitted, obsOf(t, "DEF", 2023, "received=50")))

	tests := []struct {
		name   string
		filter Filter
		want   []domain.Observation
	}{
		{
			name:   "no filter",
			filter: Filter{},
			want: slices.Concat(
				obsOf(t, "FIN", 2022, "admissible=8 by_channel:email=4 by_channel:letter=6 received=10"),
				obsOf(t, "FIN", 2023, "admissible=9 received=12"),
				obsOf(t, "JUST", 2023, "admissible=20 received=30")),
		},
		{
			name:   "empty slices do not filter either",
			filter: Filter{Years: []int{}, Organisations: []string{}, Indicators: []string{}},
			want: slices.Concat(
				obsOf(t, "FIN", 2022, "admissible=8 by_channel:email=4 by_channel:letter=6 received=10"),
				obsOf(t, "FIN", 2023, "admissible=9 received=12"),
				obsOf(t, "JUST", 2023, "admissible=20 received=30")),
		},
		{
			name:   "one year",
			filter: Filter{Years: []int{2023}},
			want:   slices.Concat(obsOf(t, "FIN", 2023, "admissible=9 received=12"), obsOf(t, "JUST", 2023, "admissible=20 received=30")),
		},
		{
			name:   "organisations and indicators",
			filter: Filter{Organisations: []string{"JUST", "FIN"}, Indicators: []string{"received", "by_channel"}},
			want: slices.Concat(
				obsOf(t, "FIN", 2022, "by_channel:email=4 by_channel:letter=6 received=10"),
				obsOf(t, "FIN", 2023, "received=12"),
				obsOf(t, "JUST", 2023, "received=30")),
		},
		{
			name:   "all three",
			filter: Filter{Years: []int{2022, 2023}, Organisations: []string{"FIN"}, Indicators: []string{"admissible"}},
			want:   slices.Concat(obsOf(t, "FIN", 2022, "admissible=8"), obsOf(t, "FIN", 2023, "admissible=9")),
		},
		{
			name:   "an organisation that only submitted",
			filter: Filter{Organisations: []string{"DEF"}},
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Published(context.Background(), tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestCurrent(t *testing.T) {
	s, _ := MustOpen(t)
	mustImport(t, s, importFile("a.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=10 admissible=8 inadmissible=2"), obsOf(t, "FIN", 2023, "received=1")))
	mustImport(t, s, importFile("b.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=11 inadmissible=3")))
	mustImport(t, s, importFile("c.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2022, "admissible=99")))

	tests := []struct {
		org  string
		year int
		want []domain.Observation
	}{
		{"FIN", 2022, obsOf(t, "FIN", 2022, "admissible=8 inadmissible=3 received=11")},
		{"FIN", 2023, obsOf(t, "FIN", 2023, "received=1")},
		{"FIN", 2021, nil},
		{"JUST", 2022, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.org, tt.year), func(t *testing.T) {
			got, err := s.Current(context.Background(), tt.org, tt.year)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}
