// Package clocktest is the clock tests move by hand (domain.Clock), so that
// deadlines, reminders and digests pass at once rather than after a wait.
package clocktest

import (
	"sync"
	"time"
)

// Clock tells the time it was set to; the server's goroutines may read it
// while the test sets it.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a clock that says now until it is set.
func New(now time.Time) *Clock { return &Clock{now: now} }

// Now returns the time the clock was set to.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t, forwards or back.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}
