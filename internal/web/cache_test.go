package web

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
			m := &versionMemo{ttl: tt.ttl, fetch: func(context.Context) (int64, error) {
				calls++
				return int64(calls), nil
			}}
			for range 3 {
				if _, err := m.get(context.Background()); err != nil {
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
	c := newPageCache(2, 1<<20)
	c.put(1, "a", []byte("A1"))
	if b, ok := c.get(1, "a"); !ok || string(b) != "A1" {
		t.Fatalf("get(1, a) = %q, %v", b, ok)
	}
	if _, ok := c.get(2, "a"); ok {
		t.Error("a page of version 1 was served for version 2")
	}
	c.put(2, "a", []byte("A2"))
	c.put(2, "b", []byte("B2"))
	c.put(2, "c", []byte("C2")) // over the bound: the oldest goes
	if len(c.pages) > 2 {
		t.Errorf("cache holds %d pages, bound is 2", len(c.pages))
	}
	if b, ok := c.get(2, "c"); !ok || string(b) != "C2" {
		t.Errorf("get(2, c) = %q, %v", b, ok)
	}
	if _, ok := c.get(2, "a"); ok {
		t.Error("the oldest page stayed over the bound")
	}
}

// The cache holds no more bytes than its bound, whatever the number of
// pages: the oldest go first, and a page larger than the bound is not kept.
func TestPageCacheBytes(t *testing.T) {
	c := newPageCache(512, 10)
	for i, key := range []string{"a", "b", "c", "d"} {
		c.put(1, key, []byte(strings.Repeat(key, 3+i%2)))
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
	if _, ok := c.get(1, "d"); !ok {
		t.Error("the newest page is not kept")
	}
	if _, ok := c.get(1, "a"); ok {
		t.Error("the oldest page stayed over the bound")
	}
	c.put(1, "d", []byte("dd")) // built twice: kept once
	c.put(1, "huge", []byte(strings.Repeat("x", 11)))
	if _, ok := c.get(1, "huge"); ok || c.bytes > 10 {
		t.Errorf("a page over the bound: kept %v, %d bytes held", ok, c.bytes)
	}
}
