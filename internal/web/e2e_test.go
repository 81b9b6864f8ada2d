package web

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/assets"
	"github.com/fcmn/infocentre/internal/locale"
)

// screenshotDir is where the browser tests leave one screenshot per page and
// language (gitignored), so that anyone can look at the pages.
const screenshotDir = "../../testoutput/web"

// browser starts the real server on 127.0.0.1 with the fixture data and a
// headless Chromium; it skips the test when Chromium is not installed (CI
// installs it). The returned list holds every request the browser made.
func browser(t *testing.T) (ctx context.Context, base string, requests func() []string) {
	t.Helper()
	srv, _ := newTestServer(t)
	return browserOn(t, srv)
}

// browserOn is browser with a server the test prepared (accounts, say).
func browserOn(t *testing.T, srv *Server) (ctx context.Context, base string, requests func() []string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return browserAt(t, srv, ln)
}

// browserAt is browserOn on a listener the test opened, for a server that
// must know its own address (the federal sign-in's callback).
func browserAt(t *testing.T, srv *Server, ln net.Listener) (ctx context.Context, base string, requests func() []string) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if _, statErr := os.Stat("/usr/bin/chromium"); statErr != nil {
			t.Skip("browser tests need Chromium: apt-get install chromium (CI does)")
		}
		path = "/usr/bin/chromium"
	}
	if _, err := fs.Stat(assets.FS(), "echarts.min.js"); err != nil {
		t.Fatal("internal/assets/echarts.min.js is missing: run make assets")
	}
	serveCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.serve(serveCtx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	var mu sync.Mutex
	var seen []string
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			seen = append(seen, e.Request.URL)
			mu.Unlock()
		}
	}))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // starts the browser on a context without timeout
		t.Fatalf("start chromium: %v", err)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return ctx, "http://" + ln.Addr().String(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// chartsDrawn is true when the page has charts and every one holds a canvas
// with a size and at least one painted pixel.
const chartsDrawn = `(() => {
  const charts = [...document.querySelectorAll('.chart')];
  return charts.length > 0 && charts.every(c => {
    const k = c.querySelector('canvas');
    if (!k || k.width === 0 || k.height === 0) return false;
    const px = k.getContext('2d').getImageData(0, 0, k.width, k.height).data;
    for (let i = 3; i < px.length; i += 4) { if (px[i] !== 0) return true; }
    return false;
  });
})()`

func waitTrue(ctx context.Context, expr string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still false after 10s: %s", expr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir, name+".png"), img, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserPages(t *testing.T) {
	ctx, base, requests := browser(t)
	pages := []struct {
		name, path string
		charts     bool
		heading    map[string]string // language -> text the h1 holds
	}{
		{"overview", "/", true, map[string]string{"nl": "Overzicht van het netwerk", "fr": "Aperçu du réseau", "en": "Network overview"}},
		{"compare", "/compare?indicator=received&year=2024", true, map[string]string{"nl": "Ontvangen klachten", "fr": "Plaintes reçues", "en": "Complaints received"}},
		{"compare-channel", "/compare?indicator=by_channel&year=2024", true, map[string]string{"nl": "Klachten per kanaal", "fr": "Plaintes par canal", "en": "Complaints by channel"}},
		{"compare-rate", "/compare?indicator=founded_share&year=2024&view=change", true, map[string]string{"nl": "gegronde", "fr": "fondées", "en": "Founded share"}},
		{"profile", "/organisations/FIN", true, map[string]string{"nl": "FOD Financiën", "fr": "SPF Finances", "en": "FPS Finance"}},
		{"trends", "/trends?indicator=admissible_share", true, map[string]string{"nl": "Evolutie", "fr": "Évolution", "en": "Trends"}},
		{"extract", "/extract", false, map[string]string{"nl": "Gegevens extraheren", "fr": "Extraire des données", "en": "Extract data"}},
	}
	for _, p := range pages {
		for _, lang := range locale.Languages() {
			t.Run(p.name+"/"+lang, func(t *testing.T) {
				target := base + p.path
				if strings.Contains(p.path, "?") {
					target += "&lang=" + lang
				} else {
					target += "?lang=" + lang
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(target)); err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + "|" + document.querySelector("h1").textContent`))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(got, lang+"|") || !strings.Contains(got, p.heading[lang]) {
					t.Errorf("lang|h1 = %q, want %s and %q", got, lang, p.heading[lang])
				}
				if p.charts {
					if err := waitTrue(ctx, chartsDrawn); err != nil {
						t.Errorf("charts not drawn: %v", err)
					}
				}
				screenshot(t, ctx, p.name+"-"+lang)
			})
		}
	}
	t.Run("phone width", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/compare?lang=fr")); err != nil {
			t.Fatal(err)
		}
		if err := waitTrue(ctx, chartsDrawn); err != nil {
			t.Errorf("charts not drawn at phone width: %v", err)
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		if !wide {
			t.Error("the page scrolls sideways at phone width")
		}
		screenshot(t, ctx, "compare-phone-fr")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
	})
	assertLocalOnly(t, requests())
}

// assertLocalOnly fails for any request that left 127.0.0.1 (data: URLs,
// such as the saved chart image, stay in the browser).
func assertLocalOnly(t *testing.T, requests []string) {
	t.Helper()
	if len(requests) == 0 {
		t.Fatal("no request recorded: the listener is broken")
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil {
			t.Errorf("request %q: %v", r, err)
			continue
		}
		if u.Scheme == "data" || u.Scheme == "blob" {
			continue
		}
		if u.Hostname() != "127.0.0.1" {
			t.Errorf("request left 127.0.0.1: %s", r)
		}
	}
}

func TestBrowserLanguageSwitchAndFilters(t *testing.T) {
	ctx, base, requests := browser(t)
	eval := func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return s
	}
	t.Run("language switch is remembered", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/compare?lang=en")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a[data-lang="fr"]`))); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.documentElement.lang`); got != "fr" {
			t.Errorf("after clicking FR, lang = %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/trends")); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.documentElement.lang`); got != "fr" {
			t.Errorf("next page without ?lang=: lang = %q, want the remembered fr", got)
		}
	})
	t.Run("indicator and year filters", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/compare?lang=en")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.RunResponse(ctx,
			chromedp.SetValue(chromedp.CSS(`#indicator`), "admissible_share"),
			chromedp.SetValue(chromedp.CSS(`#year`), "2023"),
			chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
		); err != nil {
			t.Fatal(err)
		}
		loc := eval(`location.search`)
		if !strings.Contains(loc, "indicator=admissible_share") || !strings.Contains(loc, "year=2023") {
			t.Errorf("location = %q", loc)
		}
		if h1 := eval(`document.querySelector("h1").textContent`); !strings.Contains(h1, "Admissible share") {
			t.Errorf("h1 = %q", h1)
		}
		if err := waitTrue(ctx, chartsDrawn); err != nil {
			t.Errorf("charts not drawn after filtering: %v", err)
		}
		csv := eval(`document.querySelector('a[data-kind="csv"]').getAttribute("href")`)
		for _, want := range []string{"indicator=admissible", "indicator=received", "year=2022", "year=2023"} {
			if !strings.Contains(csv, want) {
				t.Errorf("CSV link %q lacks %s: it must carry the chart's filters", csv, want)
			}
		}
	})
	t.Run("scope filter", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/?lang=en&year=2024")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.RunResponse(ctx,
			chromedp.SetValue(chromedp.CSS(`#group`), "social_security"),
			chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
		); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.querySelector(".tile-value").textContent`); got != "2,445" {
			t.Errorf("received in the social security group = %q, want 2,445 (SFP 2,345 + RSZ 100)", got)
		}
	})
	assertLocalOnly(t, requests())
}
