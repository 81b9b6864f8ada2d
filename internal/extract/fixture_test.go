package extract

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
)

// evilFileName is a submission file name that would be a live link if a
// spreadsheet evaluated it.
const evilFileName = `=HYPERLINK("http://evil.example/","click me").xlsx`

// fixedNow is the extraction time the goldens show.
var fixedNow = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

func obs(org string, year int, indicator, breakdown string, value float64) domain.Observation {
	return domain.Observation{Organisation: org, Year: year, Indicator: indicator, Breakdown: breakdown, Value: value}
}

// fixtureImports is the history of the test store: two approved files, an
// approved correction (with a hostile name) that supersedes one indicator,
// and a submission still waiting for review.
var fixtureImports = []store.ImportRequest{
	{FileName: "fin_2022.xlsx", Status: domain.StatusApproved, Observations: []domain.Observation{
		obs("FIN", 2022, "received", "", 768),
		obs("FIN", 2022, "admissible", "", 551),
		obs("FIN", 2022, "inadmissible", "", 217),
		obs("FIN", 2022, "closed", "", 500),
		obs("FIN", 2022, "avg_days", "", 23.456),
		obs("FIN", 2022, "by_channel", "letter", 368),
		obs("FIN", 2022, "by_channel", "email", 400),
	}},
	{FileName: "network_2023.csv", Status: domain.StatusApproved, Observations: []domain.Observation{
		obs("FIN", 2023, "received", "", 812),
		obs("FIN", 2023, "admissible", "", 700),
		obs("FIN", 2023, "inadmissible", "", 112),
		obs("FIN", 2023, "avg_days", "", 17.25),
		obs("JUST", 2023, "received", "", 120),
		obs("JUST", 2023, "by_language", "nl", 70),
		obs("JUST", 2023, "by_language", "fr", 50),
	}},
	{FileName: evilFileName, Status: domain.StatusApproved, Observations: []domain.Observation{
		obs("FIN", 2023, "received", "", 815),
	}},
	{FileName: "draft.xlsx", Status: domain.StatusSubmitted, Observations: []domain.Observation{
		obs("FIN", 2023, "admissible", "", 999),
	}},
}

// fixturePublished is what the history above publishes, worked out by hand:
// the correction replaces FIN's 2023 received only, and the file waiting for
// review publishes nothing.
var fixturePublished = []domain.Observation{
	obs("FIN", 2022, "received", "", 768),
	obs("FIN", 2022, "admissible", "", 551),
	obs("FIN", 2022, "inadmissible", "", 217),
	obs("FIN", 2022, "closed", "", 500),
	obs("FIN", 2022, "avg_days", "", 23.456),
	obs("FIN", 2022, "by_channel", "email", 400),
	obs("FIN", 2022, "by_channel", "letter", 368),
	obs("FIN", 2023, "received", "", 815),
	obs("FIN", 2023, "admissible", "", 700),
	obs("FIN", 2023, "inadmissible", "", 112),
	obs("FIN", 2023, "avg_days", "", 17.25),
	obs("JUST", 2023, "received", "", 120),
	obs("JUST", 2023, "by_language", "nl", 70),
	obs("JUST", 2023, "by_language", "fr", 50),
}

// newFixture returns an extractor over the fixture history with a stopped
// clock.
func newFixture(tb testing.TB) (*Extractor, *store.Store) {
	tb.Helper()
	st := storetest.Open(tb)
	for i, req := range fixtureImports {
		req.SHA256 = fmt.Sprintf("%064x", i+1)
		req.Source = "test"
		req.Kind = domain.KindFile
		if _, err := st.Import(context.Background(), req); err != nil {
			tb.Fatalf("import %s: %v", req.FileName, err)
		}
	}
	x := New(st, "1.2.3-test")
	x.now = func() time.Time { return fixedNow }
	return x, st
}

// sortObservations orders observations by key so that sets compare.
func sortObservations(list []domain.Observation) []domain.Observation {
	out := slices.Clone(list)
	slices.SortFunc(out, func(a, b domain.Observation) int {
		return compareKeys(a.Key(), b.Key())
	})
	return out
}

func compareKeys(a, b domain.Key) int {
	return cmp.Or(
		cmp.Compare(a.Organisation, b.Organisation),
		cmp.Compare(a.Year, b.Year),
		cmp.Compare(a.Indicator, b.Indicator),
		cmp.Compare(a.Breakdown, b.Breakdown),
	)
}
