// Package fair holds the rules of the coordinator's thresholds for fair
// comparison (the small n and the size bands), which the CLI, the page and
// the API all go through: a change sets only the thresholds it gives.
package fair

import (
	"context"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/textrules"
)

// Names of the thresholds, as stored and as a refusal names them
// (error.field.setting.<name>).
const (
	SmallN         = "small_n"
	VolumeMedium   = "band_volume_medium"
	VolumeLarge    = "band_volume_large"
	ReceivedMedium = "band_received_medium"
	ReceivedLarge  = "band_received_large"
)

// Ranges of the thresholds, as README states them: a small n is a count of
// cases, a band a count of files or complaints (a trillion is more than
// any administration handles).
var (
	smallNRange = textrules.Range{Min: 0, Max: 1000, Whole: true}
	bandRange   = textrules.Range{Min: 0, Max: 1e12}
)

// ThresholdsChange is a change of the thresholds: a field left nil keeps
// its value, so that `{}` changes nothing and `{"small_n": 8}` only the
// small-n threshold.
type ThresholdsChange struct {
	SmallN       *float64    `json:"small_n"`
	BandVolume   BandsChange `json:"band_activity_volume"`
	BandReceived BandsChange `json:"band_received"`
}

// BandsChange is a change of one pair of band thresholds.
type BandsChange struct {
	Medium *float64 `json:"medium"`
	Large  *float64 `json:"large"`
}

// Changes checks ch against the settings cur: each threshold given in its
// range, and medium at most large once the change is made. It returns the
// thresholds to write, by name: none when ch gives none.
func Changes(cur rates.Settings, ch ThresholdsChange) (map[string]float64, error) {
	changed := map[string]float64{}
	for _, f := range []struct {
		name  string
		given *float64
		dst   *float64
		r     textrules.Range
	}{
		{SmallN, ch.SmallN, &cur.SmallN, smallNRange},
		{VolumeMedium, ch.BandVolume.Medium, &cur.BandVolume.Medium, bandRange},
		{VolumeLarge, ch.BandVolume.Large, &cur.BandVolume.Large, bandRange},
		{ReceivedMedium, ch.BandReceived.Medium, &cur.BandReceived.Medium, bandRange},
		{ReceivedLarge, ch.BandReceived.Large, &cur.BandReceived.Large, bandRange},
	} {
		if f.given == nil {
			continue
		}
		if err := f.r.Check(domain.Phrasef("error.field.setting."+f.name), *f.given); err != nil {
			return nil, err
		}
		*f.dst, changed[f.name] = *f.given, *f.given
	}
	if cur.BandVolume.Medium > cur.BandVolume.Large || cur.BandReceived.Medium > cur.BandReceived.Large {
		return nil, domain.Errorf(domain.EINVALID, "error.threshold_bands")
	}
	return changed, nil
}

// Store is what changing the thresholds needs of the store.
type Store interface {
	FairSettings(ctx context.Context) (rates.Settings, error)
	WriteThresholds(ctx context.Context, by domain.AuditEntry, values map[string]float64) error
}

// SetThresholds records the thresholds ch gives (Changes), with by's audit
// entry; a change that gives none writes nothing.
func SetThresholds(ctx context.Context, st Store, by domain.AuditEntry, ch ThresholdsChange) error {
	cur, err := st.FairSettings(ctx)
	if err != nil {
		return err
	}
	changed, err := Changes(cur, ch)
	if err != nil || len(changed) == 0 {
		return err
	}
	return st.WriteThresholds(ctx, by, changed)
}
