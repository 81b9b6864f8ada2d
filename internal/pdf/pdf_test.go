package pdf

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func newRenderer(t *testing.T, cfg Config) *Renderer {
	t.Helper()
	r, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if errors.Is(err, ErrUnavailable) {
		t.Skip("PDF tests need Chromium: apt-get install chromium (CI does)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestFind(t *testing.T) {
	if _, err := Find("/no/such/browser"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("a missing browser: %v, want ErrUnavailable", err)
	}
}

// A page breaks into as many PDF pages as its print stylesheet asks for.
func TestRender(t *testing.T) {
	r := newRenderer(t, Config{Timeout: time.Minute})
	doc := `<!doctype html><html><head><style>@page{size:A4} section{break-before:page}</style></head>
<body><section>one</section><section>two</section><section>three</section></body></html>`
	out, err := r.Render(context.Background(), []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "%PDF-") {
		t.Fatalf("not a PDF: %.20q", out)
	}
	if n := strings.Count(string(out), "/Type /Page\n") + strings.Count(string(out), "/Type /Page\r") + strings.Count(string(out), "/Type /Page "); n < 3 {
		t.Errorf("%d pages, want 3", n)
	}
}

// With one slot, a document that never finishes drawing holds it until its
// time limit, and a second request waiting as long is turned away as busy:
// a burst cannot pile up browser tabs.
func TestRenderIsBounded(t *testing.T) {
	r := newRenderer(t, Config{Timeout: 5 * time.Second, Parallel: 1})
	if _, err := r.start(); err != nil { // the browser is up before the clocks start
		t.Fatal(err)
	}
	stuck := []byte(`<!doctype html><html><body><div class="chart" data-option="{}"></div></body></html>`)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		_, errs[0] = r.Render(context.Background(), stuck)
	}()
	time.Sleep(200 * time.Millisecond) // the first takes the only slot
	go func() {
		defer wg.Done()
		// It gives up long before the first one's time limit frees the slot.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, errs[1] = r.Render(ctx, stuck)
	}()
	wg.Wait()
	if !errors.Is(errs[0], ErrBusy) || !strings.Contains(errs[0].Error(), "time limit") {
		t.Errorf("first: %v, want ErrBusy for the time limit", errs[0])
	}
	if !errors.Is(errs[1], ErrBusy) {
		t.Errorf("second: %v, want ErrBusy", errs[1])
	}
}

// Documents that never finish drawing reach their time limit: each is
// ErrBusy (the server answers 503, try later) and closes its tab, so the
// browser is left with its first tab only, and its profile lies in the
// directory given, removed on Close.
func TestRenderTimeLimitClosesTab(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "chromium")
	r := newRenderer(t, Config{Timeout: 2 * time.Second, Parallel: 2, Dir: dir})
	browser, err := r.start()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Default")); err != nil {
		t.Fatalf("the browser's profile: %v", err)
	}
	stuck := []byte(`<!doctype html><html><body><div class="chart" data-option="{}"></div></body></html>`)
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = r.Render(context.Background(), stuck)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, ErrBusy) {
			t.Errorf("document %d: %v, want ErrBusy", i, err)
		}
	}
	// Chrome answers Target.closeTarget before the tab is gone: look again
	// until it is, or for long enough that a tab left open shows.
	var pages int
	for range 100 {
		pages = 0
		targets, err := chromedp.Targets(browser)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			if tg.Type == "page" {
				pages++
			}
		}
		if pages == 1 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if pages != 1 {
		t.Errorf("%d tabs open after the time limits, want the first one only", pages)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the browser's directory after Close: %v, want it removed", err)
	}
}

// A burst larger than the slots and the queue is turned away at once for
// what exceeds them, without waiting.
func TestRenderQueueIsBounded(t *testing.T) {
	r := newRenderer(t, Config{Timeout: 3 * time.Second, Parallel: 1, Queue: 1})
	if _, err := r.start(); err != nil {
		t.Fatal(err)
	}
	stuck := []byte(`<!doctype html><html><body><div class="chart" data-option="{}"></div></body></html>`)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = r.Render(context.Background(), stuck)
		}()
	}
	// Until both have given up, the one printing and the one waiting fill
	// the renderer.
	for len(r.admit) < 2 {
		time.Sleep(10 * time.Millisecond)
	}
	_, err := r.Render(context.Background(), stuck)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "wait already") {
		t.Errorf("third: %v, want ErrBusy for a full queue", err)
	}
	wg.Wait()
}
