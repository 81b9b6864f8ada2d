package fair

import (
	"errors"
	"maps"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
)

func num(v float64) *float64 { return &v }

// TestChanges: a change of the thresholds sets only what it gives, each in
// its range, the bands in order once changed.
func TestChanges(t *testing.T) {
	cur := rates.Settings{SmallN: 10, BandVolume: rates.Bands{Medium: 7000, Large: 90000}, BandReceived: rates.Bands{Medium: 60, Large: 700}}
	for _, c := range []struct {
		name    string
		ch      ThresholdsChange
		want    map[string]float64
		wantKey string
	}{
		{"nothing given", ThresholdsChange{}, map[string]float64{}, ""},
		{"the small n alone", ThresholdsChange{SmallN: num(5)}, map[string]float64{SmallN: 5}, ""},
		{"one band", ThresholdsChange{BandReceived: BandsChange{Large: num(800)}}, map[string]float64{ReceivedLarge: 800}, ""},
		{"medium above the large kept", ThresholdsChange{BandVolume: BandsChange{Medium: num(95000)}}, nil, "error.threshold_bands"},
		{"both moved in order", ThresholdsChange{BandVolume: BandsChange{Medium: num(95000), Large: num(200000)}},
			map[string]float64{VolumeMedium: 95000, VolumeLarge: 200000}, ""},
		{"small n not whole", ThresholdsChange{SmallN: num(10.5)}, nil, "error.number_whole"},
		{"small n above 1,000", ThresholdsChange{SmallN: num(1001)}, nil, ""},
		{"a negative band", ThresholdsChange{BandReceived: BandsChange{Medium: num(-1)}}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Changes(cur, c.ch)
			if c.want == nil {
				de, _ := errors.AsType[*domain.Error](err)
				if de == nil || de.Code != domain.EINVALID || (c.wantKey != "" && de.Key != c.wantKey) {
					t.Fatalf("got %v, %v; want refused (%s)", got, err, c.wantKey)
				}
				return
			}
			if err != nil || !maps.Equal(got, c.want) {
				t.Errorf("got %v, %v; want %v", got, err, c.want)
			}
		})
	}
}
