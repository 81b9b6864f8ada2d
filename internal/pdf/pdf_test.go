package pdf

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
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
	if errs[0] == nil || errors.Is(errs[0], ErrBusy) || !strings.Contains(errs[0].Error(), "time limit") {
		t.Errorf("first: %v, want the time limit", errs[0])
	}
	if !errors.Is(errs[1], ErrBusy) {
		t.Errorf("second: %v, want ErrBusy", errs[1])
	}
}
