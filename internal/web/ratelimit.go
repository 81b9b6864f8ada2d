package web

import (
	"context"
	"errors"
	"sync"
	"time"
)

// loginLimiter counts failed login attempts in a sliding window, per
// address, per account and per address on an account. An address that
// reached the maximum is refused whatever the account. An account that
// reached it is refused only to the addresses that already failed on it in
// the window: someone guessing from many addresses gets one guess per
// address, while the owner, from an address with no failure on the account,
// may still sign in with the right password. (An address is the one the
// server trusts, see Config.TrustedProxies: behind a proxy it must not be
// the proxy's, or one person's guesses block everyone.)
//
// An attempt is counted before the password is checked, so that parallel
// requests cannot all pass the check before any is recorded; a successful
// attempt is forgiven afterwards. It lives in memory: a restart forgives
// everyone, which is acceptable for slowing down password guessing.
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

// loginKeys are the counters of an attempt of addr on email.
func loginKeys(addr, email string) (byAddr, byAccount, byPair string) {
	return "ip:" + addr, "email:" + email, "pair:" + addr + "\x00" + email
}

// attempt records an attempt of addr on email and says true, or says false
// and records nothing when addr reached the maximum in the window, or when
// email did and addr already failed on it. The check and the record are one
// step under the lock.
func (l *loginLimiter) attempt(addr, email string) bool {
	byAddr, byAccount, byPair := loginKeys(addr, email)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.recent(byAddr)) >= l.max || (len(l.recent(byAccount)) >= l.max && len(l.recent(byPair)) > 0) {
		return false
	}
	for _, k := range []string{byAddr, byAccount, byPair} {
		l.failures[k] = append(l.recent(k), l.now())
	}
	// Forget keys whose attempts all expired, so the map cannot grow without
	// bound under a spray of addresses or emails.
	if len(l.failures) > 10000 {
		for k := range l.failures {
			if len(l.recent(k)) == 0 {
				delete(l.failures, k)
			}
		}
	}
	return true
}

// forgive takes back the attempt of addr on email: the password was right,
// or was not checked.
func (l *loginLimiter) forgive(addr, email string) {
	byAddr, byAccount, byPair := loginKeys(addr, email)
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range []string{byAddr, byAccount, byPair} {
		if ts := l.recent(k); len(ts) > 0 {
			l.failures[k] = ts[:len(ts)-1]
		}
	}
}

// recent returns the key's attempts still in the window; l.mu is held.
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

// Notes: at most noteMax per account in noteWindow (issue 23: 200 notes in
// 3 seconds). A reviewer asking about every value of a file stays far below.
const (
	noteMax    = 20
	noteWindow = 10 * time.Minute
)

// Tokens: an account receives at most tokenMax API tokens in tokenWindow,
// whether through the page or the API. A token is a credential that lasts:
// a session taken over must not be able to mint them by the thousand, and
// nobody needs more than a few a day.
const (
	tokenMax    = 10
	tokenWindow = time.Hour
)

// windowLimiter allows at most max events per key in a sliding window. It
// lives in memory, like loginLimiter.
type windowLimiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu     sync.Mutex
	events map[int64][]time.Time
}

func newWindowLimiter(max int, window time.Duration) *windowLimiter {
	return &windowLimiter{max: max, window: window, now: time.Now, events: map[int64][]time.Time{}}
}

// allow records an event of key and says true, or says false and how long
// until the next one is allowed.
func (l *windowLimiter) allow(key int64) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	ts := l.events[key]
	for len(ts) > 0 && !ts[0].After(now.Add(-l.window)) {
		ts = ts[1:]
	}
	if len(ts) >= l.max {
		l.events[key] = ts
		return false, ts[0].Add(l.window).Sub(now)
	}
	l.events[key] = append(ts, now)
	return true, 0
}

// errHashBusy is returned when every password-hash slot stayed taken for
// the whole wait.
var errHashBusy = errors.New("web: every password check slot is busy")

// hashGate bounds the argon2id computations running at once: each takes
// 64 MiB, so without a bound a burst of anonymous logins exhausts memory.
// A request waits at most wait for a slot. The file uploads read at once
// are bounded the same way (upload_gate.go).
type hashGate struct {
	slots chan struct{}
	wait  time.Duration

	mu      sync.Mutex
	running int // computations in progress
	peak    int // most computations ever in progress at once
	total   int // computations started
}

func newHashGate(slots int, wait time.Duration) *hashGate {
	return &hashGate{slots: make(chan struct{}, slots), wait: wait}
}

// run runs fn (a password hash or check) in a slot, or returns errHashBusy
// when none frees up in time, or the context's error.
func (g *hashGate) run(ctx context.Context, fn func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		timer := time.NewTimer(g.wait)
		defer timer.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-timer.C:
			return errHashBusy
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	g.mu.Lock()
	g.running++
	g.total++
	g.peak = max(g.peak, g.running)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.running--
		g.mu.Unlock()
		<-g.slots
	}()
	fn()
	return nil
}

// stats returns the peak of computations at once and how many ran.
func (g *hashGate) stats() (peak, total int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak, g.total
}
