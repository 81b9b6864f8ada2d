package web

import (
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

func sortedObservations(obs []domain.Observation) []domain.Observation {
	out := append([]domain.Observation(nil), obs...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Organisation != b.Organisation {
			return a.Organisation < b.Organisation
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		return a.Breakdown < b.Breakdown
	})
	return out
}

func apiAll(t *testing.T, srv *Server) []domain.Observation {
	t.Helper()
	var obs []domain.Observation
	if err := json.Unmarshal(get(t, srv.Handler(), "/api/v1/observations").Body.Bytes(), &obs); err != nil {
		t.Fatal(err)
	}
	return sortedObservations(obs)
}

// The open-data CSV has the export's header and re-imports, into an empty
// database, to the observations the API publishes; it follows a new
// approval at once.
func TestOpenDataCSV(t *testing.T) {
	srv, st := newTestServer(t)
	ctx := context.Background()
	check := func() {
		t.Helper()
		rec := get(t, srv.Handler(), "/open-data/observations.csv")
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Fatalf("status %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		body := rec.Body.Bytes()
		if first, _, _ := strings.Cut(string(body), "\n"); first != "organisation,year,indicator,breakdown,value" {
			t.Fatalf("header %q", first)
		}
		res := ingest.NewParser(srv.ref()).Parse("observations.csv", body, ingest.Options{})
		for _, p := range res.Problems {
			t.Errorf("re-import: %s", p)
		}
		ref, err := reference.Load()
		if err != nil {
			t.Fatal(err)
		}
		again, err := store.Open(ctx, filepath.Join(t.TempDir(), "again.duckdb"), ref)
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		if _, err := again.Import(ctx, store.ImportRequest{FileName: "observations.csv", SHA256: "open-data", Source: "test",
			Kind: domain.KindFile, Status: domain.StatusApproved, Observations: res.Observations}); err != nil {
			t.Fatal(err)
		}
		republished, err := again.Published(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if want := apiAll(t, srv); !reflect.DeepEqual(sortedObservations(republished), want) {
			t.Errorf("re-imported CSV publishes %d observations, the API %d", len(republished), len(want))
		}
	}
	check()
	addSecondLine(t, st)
	check()
	if !strings.Contains(get(t, srv.Handler(), "/open-data/observations.csv").Body.String(), "FIN,2024,second_line,,12\n") {
		t.Error("the CSV did not follow the new approval")
	}
}

func TestOpenDataParquet(t *testing.T) {
	srv, _ := newTestServer(t)
	rec := get(t, srv.Handler(), "/open-data/observations.parquet")
	if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "PAR1") || !strings.HasSuffix(rec.Body.String(), "PAR1") {
		t.Fatalf("status %d, not a Parquet file: %.10q", rec.Code, rec.Body)
	}
	if rec.Header().Get("Last-Modified") == "" {
		t.Error("no Last-Modified for harvesters")
	}
}

// The catalogue is JSON-LD whose every term comes from its context, a
// DCAT-AP catalogue with one dataset and both downloads, CC0, a
// publisher, a theme, the temporal coverage and the data version's time.
func TestOpenDataCatalog(t *testing.T) {
	srv, st := newTestServer(t)
	before := time.Now().Add(-time.Second).UTC()
	addSecondLine(t, st)
	rec := get(t, srv.Handler(), "/open-data/catalog.jsonld")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/ld+json" {
		t.Fatalf("status %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	ctx, ok := doc["@context"].(map[string]any)
	if !ok {
		t.Fatal("no @context object")
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				if k == "@context" {
					continue
				}
				if prefix, _, found := strings.Cut(k, ":"); found {
					if _, ok := ctx[prefix]; !ok {
						t.Errorf("%s: term %s has no prefix in @context", path, k)
					}
				} else if !strings.HasPrefix(k, "@") {
					t.Errorf("%s: term %s is not a compact IRI", path, k)
				}
				if k == "@id" {
					if u, err := url.Parse(child.(string)); err != nil || !u.IsAbs() {
						t.Errorf("%s: @id %v is not an absolute IRI", path, child)
					}
				}
				if k == "@type" {
					if prefix, _, _ := strings.Cut(child.(string), ":"); ctx[prefix] == nil {
						t.Errorf("%s: type %v has no prefix in @context", path, child)
					}
				}
				walk(path+"/"+k, child)
			}
		case []any:
			for _, child := range v {
				walk(path, child)
			}
		}
	}
	walk("", doc)
	if doc["@type"] != "dcat:Catalog" || doc["dct:license"].(map[string]any)["@id"] != "http://creativecommons.org/publicdomain/zero/1.0/" {
		t.Errorf("catalogue type %v, licence %v", doc["@type"], doc["dct:license"])
	}
	if doc["dct:publisher"].(map[string]any)["foaf:name"] == nil {
		t.Error("no publisher name")
	}
	modified, err := time.Parse(time.RFC3339, doc["dct:modified"].(map[string]any)["@value"].(string))
	if err != nil || modified.Before(before.Truncate(time.Second)) {
		t.Errorf("modified %v (%v), want the time of the latest approval", modified, err)
	}
	dataset := doc["dcat:dataset"].([]any)[0].(map[string]any)
	if dataset["dcat:theme"] == nil || dataset["dcat:keyword"] == nil {
		t.Error("dataset without theme or keywords")
	}
	temporal := dataset["dct:temporal"].(map[string]any)
	if temporal["dcat:startDate"].(map[string]any)["@value"] != "2022-01-01" || temporal["dcat:endDate"].(map[string]any)["@value"] != "2024-12-31" {
		t.Errorf("temporal coverage %v, want 2022-2024", temporal)
	}
	titles := map[string]bool{}
	for _, t := range dataset["dct:title"].([]any) {
		titles[t.(map[string]any)["@language"].(string)] = true
	}
	if !titles["nl"] || !titles["fr"] || !titles["en"] {
		t.Errorf("dataset titles in %v, want nl, fr and en", titles)
	}
	var downloads []string
	for _, d := range dataset["dcat:distribution"].([]any) {
		dist := d.(map[string]any)
		u := dist["dcat:downloadURL"].(map[string]any)["@id"].(string)
		downloads = append(downloads, u)
		parsed, _ := url.Parse(u)
		if rec := get(t, srv.Handler(), parsed.Path); rec.Code != 200 {
			t.Errorf("distribution %s answers %d", u, rec.Code)
		}
		if dist["dct:format"] == nil || dist["dcat:mediaType"] == nil || dist["dct:license"] == nil {
			t.Errorf("distribution %s lacks its format, media type or licence", u)
		}
	}
	sort.Strings(downloads)
	if len(downloads) != 2 || !strings.HasSuffix(downloads[0], "/open-data/observations.csv") || !strings.HasSuffix(downloads[1], "/open-data/observations.parquet") {
		t.Errorf("distributions %v, want the CSV and the Parquet file", downloads)
	}
}
