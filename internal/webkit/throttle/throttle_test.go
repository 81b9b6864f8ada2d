package throttle

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestLoginLimiter: an address that reached the limit is blocked for every
// account; an account that reached it is blocked for the addresses that
// failed on it, never for a clean one; a forgiven attempt does not count.
func TestLoginLimiter(t *testing.T) {
	l := NewLoginLimiter(2, 15*time.Minute)
	steps := []struct {
		addr, email string
		want        bool
		forgive     bool
	}{
		{"1", "a", true, false},
		{"1", "b", true, false},
		{"1", "c", false, false}, // address 1 is at its limit, whatever the account
		{"2", "c", true, true},   // right password: forgiven
		{"2", "c", true, false},
		{"3", "c", true, false},  // account c is now at its limit
		{"3", "c", false, false}, // for the addresses that failed on it
		{"2", "c", false, false},
		{"4", "c", true, false},  // a clean address may still try
		{"4", "c", false, false}, // once
		{"5", "d", true, false},  // other accounts are untouched
	}
	for i, st := range steps {
		if got := l.Attempt(st.addr, st.email); got != st.want {
			t.Errorf("step %d: attempt of %s on %s = %v, want %v", i+1, st.addr, st.email, got, st.want)
		}
		if st.forgive {
			l.Forgive(st.addr, st.email)
		}
	}
}

// TestWindowLimiter: an account may make max events in the window, then
// is told how long to wait; other accounts are untouched, and the window
// slides.
func TestWindowLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := NewWindowLimiter(2, 10*time.Minute)
	l.now = func() time.Time { return now }
	steps := []struct {
		after time.Duration // since the previous step
		key   int64
		want  bool
		wait  time.Duration
	}{
		{0, 1, true, 0},
		{time.Minute, 1, true, 0},
		{time.Minute, 1, false, 8 * time.Minute}, // the first event leaves the window in 8 minutes
		{0, 2, true, 0},
		{8 * time.Minute, 1, true, 0},
		{0, 1, false, time.Minute},
	}
	for i, st := range steps {
		now = now.Add(st.after)
		if ok, wait := l.Allow(st.key); ok != st.want || wait != st.wait {
			t.Errorf("step %d: Allow(%d) = %v, %v; want %v, %v", i+1, st.key, ok, wait, st.want, st.wait)
		}
	}
}

// TestGate: a full gate answers ErrBusy after its wait, or the context's
// error when the caller gives up first, and runs nothing; a freed slot is
// taken again, and Stats counts what ran.
func TestGate(t *testing.T) {
	g := NewGate(1, 0)
	started, done, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() { held <- g.Run(context.Background(), func() { close(started); <-done }) }()
	<-started
	ran := false
	if err := g.Run(context.Background(), func() { ran = true }); !errors.Is(err, ErrBusy) || ran {
		t.Errorf("full gate: %v, ran %v; want ErrBusy and nothing run", err, ran)
	}
	g.wait = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.Run(ctx, func() { ran = true }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("full gate, caller gone: %v, ran %v; want context.Canceled", err, ran)
	}
	close(done)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	if err := g.Run(context.Background(), func() { ran = true }); err != nil || !ran {
		t.Errorf("free gate: %v, ran %v", err, ran)
	}
	if peak, total := g.Stats(); peak != 1 || total != 2 || g.Slots() != 1 {
		t.Errorf("peak %d, total %d, slots %d; want 1, 2, 1", peak, total, g.Slots())
	}
}
