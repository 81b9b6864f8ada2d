package extract

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
)

// An extract, in any format, layout and language, read by the importer and
// imported into an empty store publishes exactly the figures it came from.
func TestRoundTrip(t *testing.T) {
	x, st := newFixture(t)
	ctx := context.Background()
	published, err := st.Published(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sortObservations(published), sortObservations(fixturePublished)) {
		t.Fatalf("the fixture store publishes %v, want %v", published, fixturePublished)
	}
	parser := ingest.NewParser(x.ref())
	for _, format := range []string{"xlsx", "csv"} {
		for _, layout := range []string{LayoutLong, LayoutWide} {
			for _, lang := range []string{"nl", "fr", "en"} {
				r := Request{Layout: layout, Lang: lang}
				if format == "xlsx" {
					// A sheet of rates is an explanation the importer leaves alone.
					r.Rates = []string{"admissible_share", "founded_share"}
				}
				t.Run(fmt.Sprintf("%s/%s/%s", format, layout, lang), func(t *testing.T) {
					var buf bytes.Buffer
					write := x.WriteXLSX
					if format == "csv" {
						write = x.WriteCSV
					}
					if err := write(ctx, &buf, r); err != nil {
						t.Fatal(err)
					}
					name := x.FileName(r, format)
					res := parser.Parse(name, buf.Bytes(), ingest.Options{})
					for _, p := range res.Problems {
						t.Errorf("importer: %s", p)
					}
					if got := sortObservations(res.Observations); !slices.Equal(got, sortObservations(fixturePublished)) {
						t.Fatalf("importer read %v\nwant %v", got, sortObservations(fixturePublished))
					}

					again := storetest.Open(t)
					if _, err := again.Import(ctx, store.ImportRequest{
						FileName: name, SHA256: fmt.Sprintf("%064x", buf.Len()), Source: "test",
						Kind: domain.KindFile, Status: domain.StatusApproved, Observations: res.Observations,
					}); err != nil {
						t.Fatal(err)
					}
					republished, err := again.Published(ctx, store.Filter{})
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(sortObservations(republished), sortObservations(published)) {
						t.Errorf("re-imported store publishes %v\nwant %v", republished, published)
					}
				})
			}
		}
	}
}
