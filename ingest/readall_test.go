package ingest

import (
	"bytes"
	"testing"
)

// TestReadAtMost: r is read whole up to the limit and flagged over it,
// whatever the caller guessed of its size (nothing, right, too little, too
// much, more than the limit).
func TestReadAtMost(t *testing.T) {
	const limit = 64 << 10
	for _, n := range []int{0, 1, limit - 1, limit, limit + 1, 3 * limit} {
		want := bytes.Repeat([]byte("a;"), n/2+1)[:n]
		for _, size := range []int64{0, int64(n), int64(n) / 2, int64(n) * 2, 10 * limit, -1} {
			data, over, err := ReadAtMost(bytes.NewReader(want), size, limit)
			switch {
			case err != nil:
				t.Errorf("%d bytes, size %d: %v", n, size, err)
			case over != (n > limit):
				t.Errorf("%d bytes, size %d: over = %v", n, size, over)
			case n <= limit && !bytes.Equal(data, want):
				t.Errorf("%d bytes, size %d: read %d bytes", n, size, len(data))
			}
		}
	}
}
