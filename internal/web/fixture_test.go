package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
)

// fixtureReceived is the complaints received per administration and year in
// the test data; JUST did not report 2024. Every other figure follows from
// it and the administration's admissible ratio, so tests can work out what
// a page must show by hand.
var fixtureReceived = map[string]map[int]float64{
	"FIN":  {2022: 1000, 2023: 1100, 2024: 1200},
	"POL":  {2022: 500, 2023: 640, 2024: 700},
	"SFP":  {2022: 2000, 2023: 2100, 2024: 2345},
	"JUST": {2022: 300, 2023: 350},
	"RSZ":  {2022: 80, 2023: 90, 2024: 100},
}

var fixtureAdmissibleRatio = map[string]float64{"FIN": 0.8, "POL": 0.9, "SFP": 0.75, "JUST": 0.6, "RSZ": 0.5}

// fixtureObservations builds one administration-year that satisfies the
// consistency rules: admissible + inadmissible = received, closed + open =
// admissible, the founded split adds up to closed, channels add up to
// received.
func fixtureObservations(org string, year int, received float64) []domain.Observation {
	admissible := math.Round(received * fixtureAdmissibleRatio[org])
	open := math.Round(admissible * 0.1)
	closed := admissible - open
	founded := math.Round(closed * 0.3)
	partly := math.Round(closed * 0.1)
	email := math.Round(received * 0.5)
	letter := math.Round(received * 0.3)
	values := []struct {
		indicator, breakdown string
		value                float64
	}{
		{"received", "", received},
		{"admissible", "", admissible},
		{"inadmissible", "", received - admissible},
		{"closed", "", closed},
		{"open_end_of_year", "", open},
		{"founded", "", founded},
		{"partly_founded", "", partly},
		{"unfounded", "", closed - founded - partly},
		{"ack_on_time", "", math.Round(admissible * 0.9)},
		{"closed_on_time", "", math.Round(closed * 0.7)},
		{"avg_days", "", 20 + float64(year-2022)},
		{"by_channel", "email", email},
		{"by_channel", "letter", letter},
		{"by_channel", "phone", received - email - letter},
	}
	out := make([]domain.Observation, len(values))
	for i, v := range values {
		out[i] = domain.Observation{Organisation: org, Year: year, Indicator: v.indicator, Breakdown: v.breakdown, Value: v.value}
	}
	return out
}

// fixtureFile is the fixture database, migrated, seeded and loaded once
// per test binary (see TestMain); every test opens a copy of it, which costs
// a fraction of building it again.
var fixtureFile struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureFile.dir != "" {
		os.RemoveAll(fixtureFile.dir)
	}
	os.Exit(code)
}

// buildFixture writes the fixture database: the fixture as approved
// (published) submissions.
func buildFixture() (string, error) {
	ref, err := reference.Load()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "infocentre-web-fixture-")
	if err != nil {
		return "", err
	}
	fixtureFile.dir = dir
	path := filepath.Join(dir, "fixture.duckdb")
	ctx := context.Background()
	st, err := store.Open(ctx, path, ref)
	if err != nil {
		return "", err
	}
	var obs []domain.Observation
	for org, years := range fixtureReceived {
		for year, received := range years {
			obs = append(obs, fixtureObservations(org, year, received)...)
		}
	}
	if _, err := st.Import(ctx, store.ImportRequest{FileName: "fixture.csv", SHA256: "fixture.csv", Source: "test",
		Kind: domain.KindFile, Status: domain.StatusApproved, Observations: obs}); err != nil {
		st.Close()
		return "", fmt.Errorf("import fixture: %w", err)
	}
	return path, st.Close()
}

// newTestStore opens a store on a copy of the fixture database in the
// test's temporary folder.
func newTestStore(tb testing.TB) *store.Store {
	tb.Helper()
	fixtureFile.once.Do(func() { fixtureFile.path, fixtureFile.err = buildFixture() })
	if fixtureFile.err != nil {
		tb.Fatalf("fixture database: %v", fixtureFile.err)
	}
	data, err := os.ReadFile(fixtureFile.path)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "web.duckdb")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return storetest.OpenFile(tb, path)
}

func importApproved(tb testing.TB, st *store.Store, name string, obs []domain.Observation) {
	tb.Helper()
	_, err := st.Import(context.Background(), store.ImportRequest{
		FileName: name, SHA256: name, Source: "test", Kind: domain.KindFile,
		Status: domain.StatusApproved, Observations: obs,
	})
	if err != nil {
		tb.Fatalf("import %s: %v", name, err)
	}
}

func newTestServer(tb testing.TB) (*Server, *store.Store) {
	tb.Helper()
	st := newTestStore(tb)
	// VersionTTL < 0: every request sees the latest data version, so a test
	// can import and look at once.
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		tb.Fatal(err)
	}
	return srv, st
}
