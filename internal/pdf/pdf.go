// Package pdf prints HTML documents to PDF with a headless Chromium driven
// through chromedp, as Grafana and Superset render their reports. One
// browser is shared by every request, a few pages print at a time and each
// has a time limit, so that a burst of requests cannot exhaust the server.
package pdf

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrUnavailable is returned when no browser was configured or found.
var ErrUnavailable = errors.New("pdf: no Chromium browser is available on this server")

// ErrBusy is returned when every printing slot stayed taken until the
// request's deadline.
var ErrBusy = errors.New("pdf: every printing slot is taken")

// Config sets the browser and the bounds of the renderer.
type Config struct {
	// Chromium is the browser's executable; empty looks for chromium,
	// chromium-browser or google-chrome on PATH.
	Chromium string
	// Timeout bounds one document, queueing included; 0 means 60 s.
	Timeout time.Duration
	// Parallel is how many documents print at once; 0 means 2.
	Parallel int
}

// Find returns the executable of path, or of the first browser found on
// PATH when path is empty; ErrUnavailable when there is none.
func Find(path string) (string, error) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("%w: %s: %w", ErrUnavailable, path, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrUnavailable
}

// Renderer prints documents with one shared browser, started on first use.
type Renderer struct {
	cfg   Config
	exec  string
	log   *slog.Logger
	slots chan struct{}

	mu       sync.Mutex
	browser  context.Context // the browser's first tab; nil until started
	shutdown func()

	docs   sync.Map // token -> []byte
	ln     net.Listener
	server *http.Server
}

// New returns a renderer using the browser cfg names (or finds one). Without
// a browser it returns ErrUnavailable: callers keep a nil renderer and answer
// 503.
func New(cfg Config, logger *slog.Logger) (*Renderer, error) {
	path, err := Find(cfg.Chromium)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = 2
	}
	return &Renderer{cfg: cfg, exec: path, log: logger, slots: make(chan struct{}, cfg.Parallel)}, nil
}

// Close stops the browser and the document server.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.shutdown != nil {
		r.shutdown()
		r.shutdown, r.browser = nil, nil
	}
	if r.server != nil {
		err := r.server.Close()
		r.server = nil
		return err
	}
	return nil
}

// start launches the browser and the loopback server the documents are
// loaded from, once; it restarts the browser if it has died.
func (r *Renderer) start() (context.Context, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.server == nil {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("pdf: listen: %w", err)
		}
		r.ln = ln
		r.server = &http.Server{Handler: http.HandlerFunc(r.serveDoc), ReadHeaderTimeout: 10 * time.Second}
		go r.server.Serve(ln)
	}
	if r.browser != nil && r.browser.Err() == nil {
		return r.browser, nil
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(r.exec),
		chromedp.Flag("no-sandbox", true), // the server usually runs as a system user in a container
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(browser); err != nil { // starts the browser
		cancelBrowser()
		cancelAlloc()
		return nil, fmt.Errorf("pdf: start %s: %w", r.exec, err)
	}
	r.browser = browser
	r.shutdown = func() { cancelBrowser(); cancelAlloc() }
	r.log.Info("pdf: browser started", "path", r.exec)
	return browser, nil
}

// serveDoc answers the browser with the document of a token, and nothing
// else: only the loopback interface reaches it and tokens are random.
func (r *Renderer) serveDoc(w http.ResponseWriter, req *http.Request) {
	doc, ok := r.docs.Load(req.URL.Path)
	if !ok {
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(doc.([]byte))
}

// chartsReady is true once every chart of the page has been drawn
// (charts.js marks them), or when there is no chart.
const chartsReady = `document.readyState === "complete" && document.querySelectorAll('.chart[data-option]:not([data-ready])').length === 0`

// Render prints a self-contained HTML document (its styles and scripts
// inline) to an A4 PDF, honouring the document's print stylesheet.
func (r *Renderer) Render(ctx context.Context, html []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	case <-ctx.Done():
		return nil, ErrBusy
	}
	browser, err := r.start()
	if err != nil {
		return nil, err
	}
	var raw [16]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, fmt.Errorf("pdf: token: %w", err)
	}
	path := "/" + hex.EncodeToString(raw[:])
	r.docs.Store(path, html)
	defer r.docs.Delete(path)

	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	stop := context.AfterFunc(ctx, closeTab) // the request's deadline closes the tab
	defer stop()
	err = chromedp.Do(tab, chromedp.Navigate("http://"+r.ln.Addr().String()+path))
	if err == nil {
		_, err = chromedp.Run(tab, chromedp.Poll[bool](chartsReady,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(r.cfg.Timeout)))
	}
	var out []byte
	if err == nil {
		out, err = chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdf: print: time limit of %s reached: %w", r.cfg.Timeout, ctx.Err())
		}
		return nil, fmt.Errorf("pdf: print: %w", err)
	}
	return out, nil
}
