package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
)

// TestServerPublicValidators checks the validators of the public pages on
// the real server (issue 23): a page that is not found is never answered
// 304, whatever validator the client holds, and an answer to a request
// with a token never says Cache-Control: public.
func TestServerPublicValidators(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	db := filepath.Join(t.TempDir(), "validators.duckdb")
	token := newToken(t, db, "analyst@example.org", "analyst", "")
	_, base := serve(t, "--db", db, "--demo")
	resp := request(t, base+"/organisations/FIN", "")
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || etag == "" {
		t.Fatalf("/organisations/FIN: %d, ETag %q", resp.StatusCode, etag)
	}
	if resp := request(t, base+"/organisations/FIN", "", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("/organisations/FIN with its validator: %d, want 304", resp.StatusCode)
	}
	for _, page := range []string{"/organisations/NOPE", "/compare?indicator=NOPE", "/reports/organisations/NOPE"} {
		if resp := request(t, base+page, "", "If-None-Match", etag); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s with a validator: %d, want 404", page, resp.StatusCode)
		}
	}
	for _, page := range []string{"/organisations/FIN", "/api/v1/indicators", "/api/v1/organisations"} {
		for _, validator := range []string{"", etag} {
			resp := request(t, base+page, token, "If-None-Match", validator)
			if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" {
				t.Errorf("%s with a token, If-None-Match %q: %d, Cache-Control %q; want private, no-store", page, validator, resp.StatusCode, cc)
			}
		}
	}
}

// TestServerCacheIgnoresJunkParameters asks the real server for the
// network report, 500 times, each with a parameter of its own that no page
// reads (issue 23 saw 40 such report requests take the server from 370 to
// 2,239 MB): the report is built once, and the server's peak grows by less
// than 64 MB over its peak after the first builds (500 builds: 146 MB).
func TestServerCacheIgnoresJunkParameters(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	p, base := serve(t, "--db", filepath.Join(t.TempDir(), "junk.duckdb"), "--demo")
	const page = "/reports/network?year=2024&lang=fr"
	const workers, rounds = 4, 125
	var wg sync.WaitGroup
	for range workers { // as many database connections as below
		wg.Go(func() {
			for range 3 {
				if resp := request(t, base+page, ""); resp.StatusCode != http.StatusOK {
					t.Errorf("%s: %d", page, resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	first := p.memory(t, "VmHWM")
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				if resp := request(t, fmt.Sprintf("%s%s&bust=%d-%d", base, page, w, i), ""); resp.StatusCode != http.StatusOK {
					t.Errorf("bust=%d-%d: %d", w, i, resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	peak := p.memory(t, "VmHWM")
	t.Logf("%d requests with junk parameters: peak VmHWM %d MB, %d MB after the first builds", workers*rounds, peak>>20, first>>20)
	if peak-first > 64<<20 {
		t.Errorf("peak %d MB, %d MB over the first builds' peak: more than 64 MB", peak>>20, (peak-first)>>20)
	}
}

// request GETs url, with a bearer token when given and header pairs
// (an empty value is left out), and returns the answer, its body read.
func request(t *testing.T, url, token string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" {
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("GET %s: %v", url, err)
		return &http.Response{}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp
}
