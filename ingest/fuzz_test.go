package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/locale"
)

// checkInvariants holds for whatever bytes a file has.
func checkInvariants(t *testing.T, p *Parser, name string, res *Result) {
	if len(res.Places) != len(res.Observations) {
		t.Fatalf("%d places for %d observations", len(res.Places), len(res.Observations))
	}
	for _, pr := range res.Problems {
		if pr.Place.File != name || pr.Code == "" {
			t.Fatalf("problem without file or code: %+v", pr)
		}
		for _, lang := range locale.Languages() {
			if pl := locale.NewPrinter(lang); !pl.Has("problem."+pr.Code) || (pr.HintCode != "" && !pl.Has("problem."+pr.HintCode)) {
				t.Fatalf("problem %s has no text in %s", pr.Code, lang)
			}
		}
	}
	if !res.Accepted() {
		return
	}
	for _, o := range res.Observations {
		if _, ok := p.ref.Organisation(o.Organisation); !ok {
			t.Fatalf("accepted unknown organisation %q", o.Organisation)
		}
		in, ok := p.ref.Indicator(o.Indicator)
		if !ok || (in.Breakdown == "") != (o.Breakdown == "") {
			t.Fatalf("accepted bad indicator/breakdown %q/%q", o.Indicator, o.Breakdown)
		}
		if o.Year < minYear || o.Year > maxYear || o.Value < 0 {
			t.Fatalf("accepted out-of-range %+v", o)
		}
	}
}

func addSeeds(f *testing.F, suffixes ...string) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, s := range suffixes {
			if strings.HasSuffix(e.Name(), s) {
				data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	addSeeds(f, ".csv", ".tsv", ".txt")
	p := mustParser(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInvariants(t, p, "fuzz.csv", p.Parse("fuzz.csv", data, Options{}))
	})
}

func FuzzParseXLSX(f *testing.F) {
	addSeeds(f, ".xlsx")
	p := mustParser(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInvariants(t, p, "fuzz.xlsx", p.Parse("fuzz.xlsx", data, Options{}))
	})
}
