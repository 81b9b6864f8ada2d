package web

import (
	"sync"
	"time"
)

// loginLimiter counts failed logins per key (an address or an email) in a
// sliding window. It lives in memory: a restart forgives everyone, which is
// acceptable for slowing down password guessing.
type loginLimiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time
}

func newLoginLimiter(max int, window time.Duration) *loginLimiter {
	return &loginLimiter{max: max, window: window, now: time.Now, failures: map[string][]time.Time{}}
}

// blocked tells whether any of the keys reached the maximum of failures in
// the window.
func (l *loginLimiter) blocked(keys ...string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		if len(l.recent(k)) >= l.max {
			return true
		}
	}
	return false
}

// fail records a failure for every key.
func (l *loginLimiter) fail(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		l.failures[k] = append(l.recent(k), l.now())
	}
	// Forget keys whose failures all expired, so the map cannot grow without
	// bound under a spray of addresses or emails.
	if len(l.failures) > 10000 {
		for k := range l.failures {
			if len(l.recent(k)) == 0 {
				delete(l.failures, k)
			}
		}
	}
}

// recent returns the key's failures still in the window; l.mu is held.
func (l *loginLimiter) recent(key string) []time.Time {
	cutoff := l.now().Add(-l.window)
	ts := l.failures[key]
	i := 0
	for i < len(ts) && !ts[i].After(cutoff) {
		i++
	}
	if i == len(ts) {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = ts[i:]
	return ts[i:]
}
