package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
	"github.com/fcmn/infocentre/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenTime is the clock of the golden reports: when the figures are
// extracted and when every submission was stored.
var goldenTime = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// fixedStore is a store whose volatile parts (when a submission was stored,
// the data version) are fixed, so that a report reads the same on every run.
type fixedStore struct{ *store.Store }

func (fixedStore) DataVersion(context.Context) (int64, error) { return 0x5eed, nil }

func (f fixedStore) ExtractSubmissions(ctx context.Context, ids []int64) ([]domain.Submission, error) {
	subs, err := f.Store.ExtractSubmissions(ctx, ids)
	for i := range subs {
		subs[i].CreatedAt = goldenTime
	}
	return subs, err
}

// sampleStore is a new database holding the demo data (samples.Expected():
// what importing every sample export leaves current) as approved figures.
func sampleStore(t *testing.T) Store {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(samples.Expected())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var obs []domain.Observation
	for _, r := range rows[1:] { // organisation,year,indicator,breakdown,value
		year, err1 := strconv.Atoi(r[1])
		value, err2 := strconv.ParseFloat(r[4], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("expected.csv row %v: %v %v", r, err1, err2)
		}
		obs = append(obs, domain.Observation{Organisation: r[0], Year: year, Indicator: r[2], Breakdown: r[3], Value: value})
	}
	st := storetest.Open(t)
	if _, err := st.Import(context.Background(), store.ImportRequest{FileName: "expected.csv", SHA256: "expected.csv", Source: "test",
		Kind: domain.KindFile, Status: domain.StatusApproved, Observations: obs}); err != nil {
		t.Fatal(err)
	}
	return fixedStore{st}
}

// TestGolden renders the network report and a letter in Dutch and French
// from the demo data with a fixed clock and compares them with
// testdata/*.html byte for byte; -update rewrites them.
func TestGolden(t *testing.T) {
	ctx := context.Background()
	docs, err := NewDocuments(sampleStore(t), "golden", func() time.Time { return goldenTime })
	if err != nil {
		t.Fatal(err)
	}
	fin, ok := docs.ref().Organisation("FIN")
	if !ok {
		t.Fatal("no FIN in the reference")
	}
	for _, lang := range []string{"nl", "fr"} {
		l := locale.NewPrinter(lang)
		for _, tc := range []struct {
			name  string
			build func() (Page, error)
		}{
			{"network_2024_" + lang, func() (Page, error) { return docs.Network(ctx, l, 2024, "") }},
			{"letter_FIN_2024_" + lang, func() (Page, error) { return docs.Letter(ctx, l, fin, 2024) }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := tc.build()
				if err != nil {
					t.Fatal(err)
				}
				got, err := docs.Render(p, false)
				if err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", tc.name+".html"), got)
			})
		}
	}
}

// compareGolden fails with the first differing lines of got and the golden
// file, or rewrites the file under -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -run TestGolden -update)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	var diff strings.Builder
	for j := i; j < i+3; j++ {
		if j < len(w) {
			diff.WriteString("\n-" + strconv.Itoa(j+1) + ": " + clip(w[j]))
		}
		if j < len(g) {
			diff.WriteString("\n+" + strconv.Itoa(j+1) + ": " + clip(g[j]))
		}
	}
	t.Errorf("%s differs from line %d (-want +got; -update rewrites it):%s", path, i+1, diff.String())
}

// clip shortens a line to what a reader can compare (chart options are
// one long line).
func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
