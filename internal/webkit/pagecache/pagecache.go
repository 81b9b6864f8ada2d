// Package pagecache holds what spares the server rebuilding pages: the
// rendered pages of the current data version, the merging of identical
// builds under way, and the data version asked of the store at most once
// per interval.
package pagecache

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// Cache keeps rendered pages for one data version: any write to the
// database changes the version and empties the cache. It is bounded in
// pages and in bytes (a PDF report weighs megabytes): when full, the pages
// kept longest go first, and a page larger than the whole bound is not kept.
type Cache struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	version  int64
	pages    map[string][]byte
	order    []string // the keys of pages, oldest first
	bytes    int      // the sum of the pages' lengths
}

// New returns a cache of at most max pages and maxBytes bytes.
func New(max, maxBytes int) *Cache {
	return &Cache{max: max, maxBytes: maxBytes, pages: map[string][]byte{}}
}

// Get returns the page kept under key, if it was built at version.
func (c *Cache) Get(version int64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	b, ok := c.pages[key]
	return b, ok
}

// Put keeps page under key; a new version empties the cache first.
func (c *Cache) Put(version int64, key string, page []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.version, c.pages, c.order, c.bytes = version, map[string][]byte{}, nil, 0
	}
	if len(page) > c.maxBytes {
		return
	}
	if old, ok := c.pages[key]; ok { // two requests built the same page
		c.bytes -= len(old)
		c.order = slices.DeleteFunc(c.order, func(k string) bool { return k == key })
	}
	for len(c.order) > 0 && (len(c.order) >= c.max || c.bytes+len(page) > c.maxBytes) {
		c.bytes -= len(c.pages[c.order[0]])
		delete(c.pages, c.order[0])
		c.order = c.order[1:]
	}
	c.pages[key] = page
	c.order = append(c.order, key)
	c.bytes += len(page)
}

// Flights merges identical work under way: who asks for a key while its
// work runs waits for that work's result rather than doing it again (a
// burst of requests for one PDF prints it once).
type Flights struct {
	mu     sync.Mutex
	flying map[string]*flight
}

type flight struct {
	done chan struct{}
	body []byte
	err  error
}

// Do returns the result of work for key, or of the work for key already
// under way.
func (f *Flights) Do(key string, work func() ([]byte, error)) ([]byte, error) {
	f.mu.Lock()
	if fl, ok := f.flying[key]; ok {
		f.mu.Unlock()
		<-fl.done
		return fl.body, fl.err
	}
	if f.flying == nil {
		f.flying = map[string]*flight{}
	}
	// The error stays if work panics: the waiters must not take an
	// empty body for the answer.
	fl := &flight{done: make(chan struct{}), err: errors.New("pagecache: shared work did not finish")}
	f.flying[key] = fl
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.flying, key)
		f.mu.Unlock()
		close(fl.done)
	}()
	fl.body, fl.err = work()
	return fl.body, fl.err
}

// Memo asks the store for its data version at most once per ttl.
// Asking costs a database query, which under load costs more than serving a
// cached page; the price is that a new submission shows up to ttl late.
// It also remembers since when the version holds, the Last-Modified of the
// public answers.
type Memo struct {
	ttl   time.Duration
	fetch func(context.Context) (int64, error)

	mu      sync.Mutex // held while fetching, so one caller asks for all
	version int64
	since   time.Time // when this process first saw version, to the second
	fetched time.Time
}

// NewMemo returns a memo of fetch's answer, asked again once ttl has
// passed; a negative ttl asks every time.
func NewMemo(ttl time.Duration, fetch func(context.Context) (int64, error)) *Memo {
	return &Memo{ttl: ttl, fetch: fetch}
}

// Get returns the data version.
func (m *Memo) Get(ctx context.Context) (int64, error) {
	v, _, err := m.State(ctx)
	return v, err
}

// State returns the data version and since when it holds.
func (m *Memo) State(ctx context.Context) (int64, time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ttl >= 0 && !m.fetched.IsZero() && time.Since(m.fetched) < m.ttl {
		return m.version, m.since, nil
	}
	v, err := m.fetch(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	now := time.Now()
	if m.since.IsZero() || v != m.version {
		// HTTP dates count whole seconds: a second change within the same
		// second must still move Last-Modified forward.
		since := now.UTC().Truncate(time.Second)
		if !m.since.IsZero() && !since.After(m.since) {
			since = m.since.Add(time.Second)
		}
		m.since = since
	}
	m.version, m.fetched = v, now
	return v, m.since, nil
}

// Forget makes the next Get ask the database: after an approval or a
// return, the coordinator must see the new figures at once.
func (m *Memo) Forget() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fetched = time.Time{}
}
