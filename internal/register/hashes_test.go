package register

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortedHashes: the bucketed sort gives what slices.Sort gives, for
// short and long lists, spread evenly or not, with repeats.
func TestSortedHashes(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 1000, 1 << 16, 300_000} {
		for _, shape := range []string{"even", "narrow", "repeats"} {
			hashes := make([]uint64, n)
			for i := range hashes {
				switch shape {
				case "even":
					hashes[i] = rnd.Uint64()
				case "narrow": // one bucket only
					hashes[i] = rnd.Uint64N(1 << 40)
				case "repeats":
					hashes[i] = rnd.Uint64N(50) << 50
				}
			}
			want := slices.Clone(hashes)
			slices.Sort(want)
			if got := sortedHashes(hashes); !slices.Equal(got, want) {
				t.Errorf("%d %s hashes: sorted otherwise", n, shape)
			}
		}
	}
}
