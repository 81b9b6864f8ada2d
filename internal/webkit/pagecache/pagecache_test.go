package pagecache

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestVersionMemo(t *testing.T) {
	tests := []struct {
		name      string
		ttl       time.Duration
		wantCalls int
	}{
		{"asks every time when negative", -1, 3},
		{"asks once within the ttl", time.Hour, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			m := NewMemo(tt.ttl, func(context.Context) (int64, error) {
				calls++
				return int64(calls), nil
			})
			for range 3 {
				if _, err := m.Get(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if calls != tt.wantCalls {
				t.Errorf("store asked %d times, want %d", calls, tt.wantCalls)
			}
		})
	}
}

func TestPageCacheDropsOldVersions(t *testing.T) {
	c := New(2, 1<<20)
	c.Put(1, "a", []byte("A1"))
	if b, ok := c.Get(1, "a"); !ok || string(b) != "A1" {
		t.Fatalf("get(1, a) = %q, %v", b, ok)
	}
	if _, ok := c.Get(2, "a"); ok {
		t.Error("a page of version 1 was served for version 2")
	}
	c.Put(2, "a", []byte("A2"))
	c.Put(2, "b", []byte("B2"))
	c.Put(2, "c", []byte("C2")) // over the bound: the oldest goes
	if len(c.pages) > 2 {
		t.Errorf("cache holds %d pages, bound is 2", len(c.pages))
	}
	if b, ok := c.Get(2, "c"); !ok || string(b) != "C2" {
		t.Errorf("get(2, c) = %q, %v", b, ok)
	}
	if _, ok := c.Get(2, "a"); ok {
		t.Error("the oldest page stayed over the bound")
	}
}

// The cache holds no more bytes than its bound, whatever the number of
// pages: the oldest go first, and a page larger than the bound is not kept.
func TestPageCacheBytes(t *testing.T) {
	c := New(512, 10)
	for i, key := range []string{"a", "b", "c", "d"} {
		c.Put(1, key, []byte(strings.Repeat(key, 3+i%2)))
	}
	if c.bytes > 10 {
		t.Errorf("cache holds %d bytes, bound is 10", c.bytes)
	}
	sum := 0
	for _, b := range c.pages {
		sum += len(b)
	}
	if sum != c.bytes || len(c.order) != len(c.pages) {
		t.Errorf("%d bytes counted, %d held; %d keys in order, %d pages", c.bytes, sum, len(c.order), len(c.pages))
	}
	if _, ok := c.Get(1, "d"); !ok {
		t.Error("the newest page is not kept")
	}
	if _, ok := c.Get(1, "a"); ok {
		t.Error("the oldest page stayed over the bound")
	}
	c.Put(1, "d", []byte("dd")) // built twice: kept once
	c.Put(1, "huge", []byte(strings.Repeat("x", 11)))
	if _, ok := c.Get(1, "huge"); ok || c.bytes > 10 {
		t.Errorf("a page over the bound: kept %v, %d bytes held", ok, c.bytes)
	}
}

// TestVersionMemoSince: Last-Modified stays while the version holds and
// moves forward, by at least a second, whenever it changes.
func TestVersionMemoSince(t *testing.T) {
	version := int64(1)
	m := NewMemo(-1, func(context.Context) (int64, error) { return version, nil })
	ctx := context.Background()
	_, first, err := m.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, same, _ := m.State(ctx); !same.Equal(first) {
		t.Errorf("same version: since moved from %v to %v", first, same)
	}
	version = 2
	_, second, _ := m.State(ctx)
	if !second.After(first) {
		t.Errorf("new version: since %v, not after %v", second, first)
	}
	version = 3
	if _, third, _ := m.State(ctx); third.Sub(second) < time.Second {
		t.Errorf("a third version within the second: since %v, want at least %v", third, second.Add(time.Second))
	}
}
