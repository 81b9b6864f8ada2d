package dashboards

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestChartOptionsGolden(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		build func() (Chart, error)
	}{
		{"ranked", func() (Chart, error) {
			s := Spec{ID: "compare", Title: "Complaints received", SaveAs: "Save", Unit: UnitCount, Labels: []string{"FPS Finance", "Federal Police", "FPS Justice"}}
			return Ranked(s, []float64{1200, 640, nan}, "Median", 920)
		}},
		{"stacked", func() (Chart, error) {
			s := Spec{ID: "channels", Title: "Complaints by channel", SaveAs: "Enregistrer", Unit: UnitPercent, Labels: []string{"SPF Finances", "Police fédérale"}}
			return Stacked(s, []Series{{Name: "E-mail", Values: []float64{60, 25.555}}, {Name: "Lettre", Values: []float64{40, 74.445}}})
		}},
		{"trend", func() (Chart, error) {
			s := Spec{ID: "trend", Title: "Ontvangen klachten", SaveAs: "Opslaan", Unit: UnitCount, Labels: []string{"2022", "2023", "2024"}}
			return Trend(s, []Series{{Name: "FOD Financiën", Values: []float64{10, nan, 30}}, {Name: "Mediaan", Values: []float64{5, 6, 7}, Reference: true}})
		}},
		{"grouped", func() (Chart, error) {
			s := Spec{ID: "rates", Title: "Pourcentages clés", SaveAs: "Enregistrer", Unit: UnitPercent, Labels: []string{"Recevables", "Fondées"}}
			return Grouped(s, []Series{{Name: "2023", Values: []float64{74.9, nan}, Reference: true}, {Name: "2024", Values: []float64{75.1, 41.6}}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := json.Indent(&got, c.Option, "", "  "); err != nil {
				t.Fatalf("option is not JSON: %v", err)
			}
			got.WriteByte('\n')
			golden := filepath.Join("testdata", tt.name+".json")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./dashboards -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("option differs from %s (run with -update if intended):\n%s", golden, got.String())
			}
		})
	}
}

// The page depends on these properties whatever the golden files say: local
// assets, a save-as-image button, gaps for missing values.
func TestChartOptionsEssentials(t *testing.T) {
	s := Spec{ID: "x", Title: "T", SaveAs: "Save", Unit: UnitCount, Labels: []string{"a", "b"}}
	c, err := Ranked(s, []float64{1, math.NaN()}, "Median", 1)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Toolbox struct {
			Feature struct {
				SaveAsImage struct {
					Show bool   `json:"show"`
					Name string `json:"name"`
				} `json:"saveAsImage"`
			} `json:"feature"`
		} `json:"toolbox"`
		Series []struct {
			Data []struct {
				Value any `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(c.Option, &opt); err != nil {
		t.Fatal(err)
	}
	if !opt.Toolbox.Feature.SaveAsImage.Show || opt.Toolbox.Feature.SaveAsImage.Name != "x" {
		t.Errorf("saveAsImage = %+v, want shown and named after the chart", opt.Toolbox.Feature.SaveAsImage)
	}
	if len(opt.Series) != 1 || len(opt.Series[0].Data) != 2 || opt.Series[0].Data[1].Value != missing {
		t.Errorf("series = %+v, want the missing value as %q", opt.Series, missing)
	}
	if strings.Contains(string(c.Option), "http") {
		t.Errorf("option mentions an outside host: %s", c.Option)
	}
}

func TestLengthMismatchIsAnError(t *testing.T) {
	s := Spec{ID: "x", Labels: []string{"a", "b"}}
	if _, err := Ranked(s, []float64{1}, "", math.NaN()); err == nil {
		t.Error("Ranked accepted 1 value for 2 labels")
	}
	if _, err := Stacked(s, []Series{{Name: "p", Values: []float64{1}}}); err == nil {
		t.Error("Stacked accepted 1 value for 2 labels")
	}
	if _, err := Trend(s, []Series{{Name: "p", Values: []float64{1, 2, 3}}}); err == nil {
		t.Error("Trend accepted 3 values for 2 labels")
	}
	if _, err := Grouped(s, []Series{{Name: "p", Values: []float64{1}}}); err == nil {
		t.Error("Grouped accepted 1 value for 2 labels")
	}
}
