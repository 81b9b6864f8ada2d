package web

import (
	"context"
	"sync"
	"time"
)

// pageCache keeps rendered pages for one data version: any write to the
// database changes the version and empties the cache. It is bounded by
// dropping everything when full, which is rare enough to stay simple.
type pageCache struct {
	mu      sync.Mutex
	max     int
	version int64
	pages   map[string][]byte
}

func newPageCache(max int) *pageCache {
	return &pageCache{max: max, pages: map[string][]byte{}}
}

func (c *pageCache) get(version int64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	b, ok := c.pages[key]
	return b, ok
}

func (c *pageCache) put(version int64, key string, page []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version || len(c.pages) >= c.max {
		c.version = version
		c.pages = map[string][]byte{}
	}
	c.pages[key] = page
}

// versionMemo asks the store for its data version at most once per ttl.
// Asking costs a database query, which under load costs more than serving a
// cached page; the price is that a new submission shows up to ttl late.
type versionMemo struct {
	ttl   time.Duration
	fetch func(context.Context) (int64, error)

	mu      sync.Mutex // held while fetching, so one caller asks for all
	version int64
	fetched time.Time
}

func (m *versionMemo) get(ctx context.Context) (int64, error) {
	if m.ttl < 0 {
		return m.fetch(ctx)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.fetched.IsZero() && time.Since(m.fetched) < m.ttl {
		return m.version, nil
	}
	v, err := m.fetch(ctx)
	if err != nil {
		return 0, err
	}
	m.version, m.fetched = v, time.Now()
	return v, nil
}

// forget makes the next get ask the database: after an approval or a
// return, the coordinator must see the new figures at once.
func (m *versionMemo) forget() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fetched = time.Time{}
}
