package clocktest

import (
	"sync"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

var _ domain.Clock = (*Clock)(nil)

// TestClock checks that the clock says what it was set to, also to readers
// in other goroutines (go test -race).
func TestClock(t *testing.T) {
	start := time.Date(2026, 12, 7, 9, 53, 0, 0, time.UTC)
	c := New(start)
	if got := c.Now(); !got.Equal(start) {
		t.Fatalf("Now() = %v, want %v", got, start)
	}
	later := start.AddDate(0, 0, 45)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { _ = c.Now() })
	}
	c.Set(later)
	wg.Wait()
	if got := c.Now(); !got.Equal(later) {
		t.Fatalf("Now() after Set = %v, want %v", got, later)
	}
	c.Set(start)
	if got := c.Now(); !got.Equal(start) {
		t.Fatalf("Now() after setting back = %v, want %v", got, start)
	}
}
