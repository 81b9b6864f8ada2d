package web

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fcmn/infocentre/internal/assets"
	"github.com/fcmn/infocentre/internal/auth"
)

// publicTargets are the public GET routes a shared cache may keep.
var publicTargets = []string{
	"/?lang=en",
	"/compare?indicator=received&year=2024",
	"/trends?indicator=received",
	"/organisations/FIN",
	"/extract",
	"/extract.csv?year=2024",
	"/extract.xlsx?year=2024",
	"/criteria",
	"/criteria.xlsx",
	"/api/v1/observations?year=2024",
	"/api/v1/indicators",
	"/api/v1/organisations",
}

func TestPublicAnswersCarryValidators(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	for _, target := range publicTargets {
		t.Run(target, func(t *testing.T) {
			rec := get(t, h, target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			hd := rec.Header()
			etag := hd.Get("ETag")
			if !strings.HasPrefix(etag, `W/"`) || !strings.HasSuffix(etag, `"`) {
				t.Errorf("ETag = %q, want a weak validator", etag)
			}
			if _, err := http.ParseTime(hd.Get("Last-Modified")); err != nil {
				t.Errorf("Last-Modified = %q: %v", hd.Get("Last-Modified"), err)
			}
			cc := hd.Get("Cache-Control")
			if !strings.Contains(cc, "public") || !strings.Contains(cc, "s-maxage=10") || strings.Contains(cc, "no-store") {
				t.Errorf("Cache-Control = %q, want public with s-maxage", cc)
			}
			vary := strings.Join(hd.Values("Vary"), ", ")
			if !strings.Contains(vary, "Cookie") || !strings.Contains(vary, "Accept-Language") {
				t.Errorf("Vary = %q, want Cookie and Accept-Language", vary)
			}
			// The same request with the validator: 304 and no body.
			again := get(t, h, target, "If-None-Match", etag)
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
				t.Errorf("with If-None-Match %s: %d, %d bytes; want 304 and no body", etag, again.Code, again.Body.Len())
			}
			if again.Header().Get("ETag") != etag {
				t.Errorf("304 carries ETag %q, want %q", again.Header().Get("ETag"), etag)
			}
		})
	}
}

func TestConditionalRequests(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	const target = "/compare?indicator=received&year=2024"
	first := get(t, h, target+"&lang=en")
	etag, lastModified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	tests := []struct {
		name   string
		target string
		header []string
		want   int
	}{
		{"matching validator", target + "&lang=en", []string{"If-None-Match", etag}, http.StatusNotModified},
		{"matching validator in a list", target + "&lang=en", []string{"If-None-Match", `W/"other", ` + etag}, http.StatusNotModified},
		{"strong form of the weak validator", target + "&lang=en", []string{"If-None-Match", strings.TrimPrefix(etag, "W/")}, http.StatusNotModified},
		{"any", target + "&lang=en", []string{"If-None-Match", "*"}, http.StatusNotModified},
		{"other validator", target + "&lang=en", []string{"If-None-Match", `W/"other"`}, http.StatusOK},
		{"other language by query", target + "&lang=fr", []string{"If-None-Match", etag}, http.StatusOK},
		{"other language by cookie", target, []string{"If-None-Match", etag, "Cookie", "lang=nl"}, http.StatusOK},
		{"other language by browser", target, []string{"If-None-Match", etag, "Accept-Language", "fr-BE"}, http.StatusOK},
		{"unmodified since", target + "&lang=en", []string{"If-Modified-Since", lastModified}, http.StatusNotModified},
		{"modified since", target + "&lang=en", []string{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}, http.StatusOK},
		{"If-None-Match wins over If-Modified-Since", target + "&lang=en", []string{"If-None-Match", `W/"other"`, "If-Modified-Since", lastModified}, http.StatusOK},
		{"a page not found, with the validator", "/organisations/NOPE?lang=en", []string{"If-None-Match", etag}, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if rec := get(t, h, tt.target, tt.header...); rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
	t.Run("a 304 still remembers ?lang=", func(t *testing.T) {
		fr := get(t, h, target+"&lang=fr")
		rec := get(t, h, target+"&lang=fr", "If-None-Match", fr.Header().Get("ETag"), "Cookie", "lang=en")
		if rec.Code != http.StatusNotModified || !strings.Contains(rec.Header().Get("Set-Cookie"), "lang=fr") {
			t.Errorf("status %d, Set-Cookie %q; want 304 with lang=fr", rec.Code, rec.Header().Get("Set-Cookie"))
		}
	})
	t.Run("errors are not cached", func(t *testing.T) {
		rec := get(t, h, "/organisations/NOPE")
		if rec.Code != http.StatusNotFound || rec.Header().Get("ETag") != "" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("status %d, ETag %q, Cache-Control %q; want 404 without validator, no-store", rec.Code, rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
		}
	})
}

// TestApprovalChangesValidator uses the server's real one-hour version
// memo: the approval itself must make the validator move at once.
func TestApprovalChangesValidator(t *testing.T) {
	st := newTestStore(t)
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: time.Hour}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	id := importSubmitted(t, st, "just2024.csv", fixtureObservations("JUST", 2024, 400))
	targets := []string{"/compare?indicator=received&year=2024&lang=en", "/api/v1/observations?year=2024"}
	before := map[string]string{}
	for _, target := range targets {
		before[target] = get(t, h, target).Header().Get("ETag")
	}
	rec := coord.do(t, h, request{method: http.MethodPost, target: fmt.Sprintf("/submissions/%d/approve", id)})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", rec.Code, rec.Body.String())
	}
	for _, target := range targets {
		rec := get(t, h, target, "If-None-Match", before[target])
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d after the approval with the old validator, want 200", target, rec.Code)
		}
		if after := rec.Header().Get("ETag"); after == "" || after == before[target] {
			t.Errorf("%s: ETag %q after the approval, was %q", target, after, before[target])
		}
		if !strings.Contains(rec.Body.String(), "400") {
			t.Errorf("%s: the approved figure 400 is missing", target)
		}
	}
}

// TestSignedInNeverShared: a signed-in page carries the account and its
// CSRF token, so no cache may keep it, and no validator of the anonymous
// page may answer it.
func TestSignedInNeverShared(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	analyst := signIn(t, st, newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false))
	token := withToken(t, st, newAccount(t, st, "api@example.be", auth.RoleAnalyst, "", false))
	for _, target := range []string{"/compare?indicator=received&year=2024&lang=en", "/api/v1/observations?year=2024"} {
		etag := get(t, h, target).Header().Get("ETag")
		for name, u := range map[string]*user{"session": analyst, "token": token} {
			if u == token && !strings.HasPrefix(target, "/api/") {
				continue // tokens sign in to the API only
			}
			t.Run(name+" "+target, func(t *testing.T) {
				rec := u.do(t, h, request{method: http.MethodGet, target: target, header: map[string]string{"If-None-Match": etag}})
				if rec.Code != http.StatusOK {
					t.Fatalf("status %d, want 200 (no anonymous validator answers a signed-in visitor)", rec.Code)
				}
				cc := rec.Header().Get("Cache-Control")
				if !strings.Contains(cc, "private") || !strings.Contains(cc, "no-store") || strings.Contains(cc, "public") {
					t.Errorf("Cache-Control = %q, want private, no-store", cc)
				}
				if rec.Header().Get("ETag") != "" {
					t.Errorf("a signed-in answer carries ETag %q", rec.Header().Get("ETag"))
				}
				if vary := strings.Join(rec.Header().Values("Vary"), ", "); !strings.Contains(vary, "Cookie") {
					t.Errorf("Vary = %q, want Cookie", vary)
				}
			})
		}
	}
}

// TestServeRefusesBinaryWithoutCharts: a binary built by a bare go build,
// without `make assets`, must not start and must say how to fix it.
func TestServeRefusesBinaryWithoutCharts(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		ok   bool
	}{
		{"echarts embedded", fstest.MapFS{"echarts.min.js": {Data: []byte("/* echarts */")}}, true},
		{"no echarts", fstest.MapFS{"style.css": {Data: []byte("body{}")}}, false},
		{"empty echarts", fstest.MapFS{"echarts.min.js": {Data: nil}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkAssets(tt.fsys)
			if tt.ok != (err == nil) {
				t.Fatalf("checkAssets = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "make build") {
				t.Errorf("the refusal does not say how to get the asset: %v", err)
			}
		})
	}
	// The binary under test has it (the tests need `make assets` too).
	if err := checkAssets(assets.FS()); err != nil {
		t.Error(err)
	}
}
