package consistency

import (
	"errors"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func obs(indicator, breakdown string, v float64) domain.Observation {
	return domain.Observation{Organisation: "FIN", Year: 2023, Indicator: indicator, Breakdown: breakdown, Value: v}
}

// placesFor gives observation i the row i+2, as if read from a long CSV.
func placesFor(o []domain.Observation) []domain.Place {
	out := make([]domain.Place, len(o))
	for i := range o {
		out[i] = domain.Place{File: "f.csv", Row: i + 2, Column: 5}
	}
	return out
}

func TestCheck(t *testing.T) {
	consistent := []domain.Observation{
		obs("received", "", 120), obs("admissible", "", 100), obs("inadmissible", "", 20),
		obs("closed", "", 90), obs("open_end_of_year", "", 10), obs("founded", "", 30), obs("partly_founded", "", 10),
		obs("unfounded", "", 50), obs("ack_on_time", "", 100), obs("closed_on_time", "", 80),
		obs("by_channel", "email", 100), obs("by_channel", "letter", 20),
		obs("by_language", "nl", 60), obs("by_language", "fr", 60),
		obs("founded_by_type", "quality", 25), obs("founded_by_type", "attitude", 15),
	}
	tests := []struct {
		name   string
		obs    []domain.Observation
		stored []domain.Observation
		want   []string // problems, as "severity: message part"
	}{
		{name: "all rules hold", obs: consistent},
		{name: "rules with missing terms are not checked", obs: []domain.Observation{obs("received", "", 120), obs("admissible", "", 200)}},
		{name: "admissible split", obs: []domain.Observation{obs("received", "", 120), obs("admissible", "", 100), obs("inadmissible", "", 21)},
			want: []string{"error: f.csv, row 2: FIN 2023: expected admissible + inadmissible = received, but admissible = 100, inadmissible = 21, received = 120"}},
		{name: "outcome split and closed above admissible", obs: []domain.Observation{obs("admissible", "", 10), obs("closed", "", 12),
			obs("founded", "", 1), obs("partly_founded", "", 1), obs("unfounded", "", 1)},
			want: []string{"error: f.csv, row 3: FIN 2023: expected founded + partly_founded + unfounded = closed", "error: f.csv, row 2: FIN 2023: expected closed ≤ admissible"}},
		{name: "cohort is a warning", obs: []domain.Observation{obs("admissible", "", 10), obs("closed", "", 8), obs("open_end_of_year", "", 1)},
			want: []string{"warning: f.csv, row 2: FIN 2023: expected closed + open_end_of_year = admissible"}},
		{name: "on time above totals", obs: []domain.Observation{obs("admissible", "", 10), obs("closed", "", 8), obs("ack_on_time", "", 11), obs("closed_on_time", "", 9)},
			want: []string{"ack_on_time ≤ admissible", "closed_on_time ≤ closed"}},
		{name: "channel parts", obs: []domain.Observation{obs("received", "", 10), obs("by_channel", "email", 4), obs("by_channel", "phone", 5)},
			want: []string{"error: f.csv, row 2: FIN 2023: expected the parts of by_channel add up to received, but by_channel = 9, received = 10"}},
		{name: "language parts", obs: []domain.Observation{obs("received", "", 10), obs("by_language", "nl", 11)},
			want: []string{"the parts of by_language add up to received"}},
		{name: "type parts", obs: []domain.Observation{obs("founded", "", 3), obs("partly_founded", "", 2), obs("founded_by_type", "quality", 4)},
			want: []string{"the parts of founded_by_type add up to founded + partly_founded"}},
		{name: "processing time parts", obs: []domain.Observation{obs("closed", "", 10), obs("by_processing_time", "d0_20", 6), obs("by_processing_time", "d91_plus", 3)},
			want: []string{"error: f.csv, row 2: FIN 2023: expected the parts of by_processing_time add up to closed, but by_processing_time = 9, closed = 10"}},
		{name: "processing time parts that add up", obs: []domain.Observation{obs("closed", "", 10), obs("by_processing_time", "d0_20", 7), obs("by_processing_time", "d91_plus", 3)}},
		{name: "stored terms complete a rule", obs: []domain.Observation{obs("inadmissible", "", 30)},
			stored: []domain.Observation{obs("received", "", 120), obs("admissible", "", 100), obs("inadmissible", "", 20)},
			want:   []string{"error: f.csv, row 2: FIN 2023: expected admissible + inadmissible = received, but inadmissible = 30, with the stored admissible = 100, received = 120"}},
		{name: "file values replace stored ones", obs: []domain.Observation{obs("received", "", 130), obs("inadmissible", "", 30)},
			stored: []domain.Observation{obs("received", "", 120), obs("admissible", "", 100), obs("inadmissible", "", 20)}},
		{name: "only stored terms: not the file's business", obs: []domain.Observation{obs("suggestions", "", 3)},
			stored: []domain.Observation{obs("received", "", 120), obs("admissible", "", 1), obs("inadmissible", "", 20)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored := func(org string, year int) ([]domain.Observation, error) {
				if org != "FIN" || year != 2023 {
					t.Errorf("stored asked for %s %d", org, year)
				}
				return tt.stored, nil
			}
			problems, err := Check("f.csv", tt.obs, placesFor(tt.obs), stored)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(tt.want) {
				t.Fatalf("%d problems, want %d: %v", len(problems), len(tt.want), problems)
			}
			for i, p := range problems {
				got := string(p.Severity) + ": " + p.String()
				if !strings.Contains(got, tt.want[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestCheckStoredError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Check("f.csv", []domain.Observation{obs("received", "", 1)}, []domain.Place{{}}, func(string, int) ([]domain.Observation, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}
