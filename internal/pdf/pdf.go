// Package pdf prints HTML documents to PDF with a headless Chromium driven
// through chromedp, as Grafana and Superset render their reports. One
// browser is shared by every request, each document in a tab of its own; a
// few print at a time, a few more wait their turn and the others are turned
// away at once, and each has a time limit, so that a burst of requests
// cannot exhaust the server.
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

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// ErrUnavailable is returned when no browser was configured or found.
var ErrUnavailable = errors.New("pdf: no Chromium browser is available on this server")

// ErrBusy is returned when the printer cannot take the document now: every
// place in the queue is taken, no slot freed up in time, or the document did
// not print within its time limit. Trying again later may work.
var ErrBusy = errors.New("pdf: the printer is busy")

// Config sets the browser and the bounds of the renderer.
type Config struct {
	// Chromium is the browser's executable; empty looks for chromium,
	// chromium-browser or google-chrome on PATH.
	Chromium string
	// Timeout bounds the wait for a slot, and then the printing of one
	// document; 0 means 60 s.
	Timeout time.Duration
	// Parallel is how many documents print at once; 0 means 2.
	Parallel int
	// Queue is how many more documents may wait for a slot; 0 means 8.
	Queue int
	// Dir is the browser's profile (user data directory), hundreds of
	// megabytes, created on start and removed on Close. It should be in a
	// directory the caller sweeps after a crash, such as the store's
	// temporary directory. Empty means a new temporary directory.
	Dir string
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
	slots chan struct{} // one per document printing
	admit chan struct{} // one per document printing or waiting

	mu       sync.Mutex
	browser  context.Context // the browser's first tab; nil until started
	shutdown func()
	dir      string // see Config.Dir, while the browser runs

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
	if cfg.Queue <= 0 {
		cfg.Queue = 8
	}
	return &Renderer{cfg: cfg, exec: path, log: logger,
		slots: make(chan struct{}, cfg.Parallel), admit: make(chan struct{}, cfg.Parallel+cfg.Queue)}, nil
}

// Close stops the browser and the document server.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopBrowser()
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
	r.stopBrowser() // a browser that died leaves its directory
	dir := r.cfg.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "infocentre-chromium-")
		if err != nil {
			return nil, fmt.Errorf("pdf: browser directory: %w", err)
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pdf: browser directory: %w", err)
	}
	// Left to itself, chromedp makes a chromedp-runner* profile in the
	// system's temporary directory, and a killed server leaves it there.
	// (Chromium's socket of one instance per profile stays in the system's
	// temporary directory: the path of a socket must be short.)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(r.exec),
		chromedp.UserDataDir(dir),
		chromedp.Flag("no-sandbox", true), // the server usually runs as a system user in a container
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	r.browser, r.dir = browser, dir
	r.shutdown = func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(browser); err != nil { // starts the browser
		r.stopBrowser()
		return nil, fmt.Errorf("pdf: start %s: %w", r.exec, err)
	}
	r.log.Info("pdf: browser started", "path", r.exec, "dir", dir)
	return browser, nil
}

// stopBrowser stops the browser, if any, and removes its directory; r.mu
// is held.
func (r *Renderer) stopBrowser() {
	if r.shutdown != nil {
		r.shutdown() // returns once the browser has exited
		r.shutdown, r.browser = nil, nil
	}
	if r.dir != "" {
		if err := os.RemoveAll(r.dir); err != nil {
			r.log.Warn("pdf: remove the browser directory", "dir", r.dir, "err", err)
		}
		r.dir = ""
	}
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
// inline) to an A4 PDF, honouring the document's print stylesheet. It
// returns ErrBusy when the queue is full, when no slot frees up within the
// time limit, or when the document does not print within it.
func (r *Renderer) Render(ctx context.Context, html []byte) ([]byte, error) {
	select {
	case r.admit <- struct{}{}:
		defer func() { <-r.admit }()
	default:
		return nil, fmt.Errorf("%w: %d documents print or wait already", ErrBusy, cap(r.admit))
	}
	wait, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	select {
	case r.slots <- struct{}{}:
		cancel()
		defer func() { <-r.slots }()
	case <-wait.Done():
		cancel()
		return nil, fmt.Errorf("%w: no slot freed up within %s", ErrBusy, r.cfg.Timeout)
	}
	// The time limit of the printing runs from here: a document that
	// waited its turn still gets all of it.
	ctx, cancel = context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
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

	id, err := r.openTab(ctx, browser)
	if err != nil {
		return nil, err
	}
	defer r.closeTab(browser, id)
	tab, cancelTab := chromedp.NewContext(browser, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
	defer cancelTab()
	stop := context.AfterFunc(ctx, cancelTab) // the deadline stops the actions under way
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
			return nil, fmt.Errorf("%w: the document did not print within the time limit of %s: %w", ErrBusy, r.cfg.Timeout, ctx.Err())
		}
		return nil, fmt.Errorf("pdf: print: %w", err)
	}
	r.log.Info("pdf: printed", "bytes", len(out))
	return out, nil
}

// tabTimeout bounds opening and closing a tab. They do not follow the
// request: a tab the browser opens after its request gave up would stay
// open, a renderer process with it.
const tabTimeout = 10 * time.Second

// openTab opens a tab of its own window (a hidden tab draws no frames, and
// its charts never get ready) and returns its id.
func (r *Renderer) openTab(ctx context.Context, browser context.Context) (target.ID, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tabTimeout)
	defer cancel()
	newWindow := true
	res, err := cdp.Call(ctx, chromedp.FromContext(browser).Browser, target.CreateTarget,
		target.CreateTargetParams{URL: "about:blank", NewWindow: &newWindow})
	if err != nil {
		return "", fmt.Errorf("pdf: open a tab: %w", err)
	}
	return res.TargetID, nil
}

// closeTab closes the tab id, whatever became of its request.
func (r *Renderer) closeTab(browser context.Context, id target.ID) {
	ctx, cancel := context.WithTimeout(context.Background(), tabTimeout)
	defer cancel()
	if _, err := cdp.Call(ctx, chromedp.FromContext(browser).Browser, target.CloseTarget, target.CloseTargetParams{TargetID: id}); err != nil {
		r.log.Warn("pdf: close a tab", "target", id, "err", err)
	}
}
