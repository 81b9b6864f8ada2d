package main

import (
	"hash/fnv"
	"math"
)

// seed fixes every figure of the samples; change it only to regenerate them
// all on purpose.
const seed = 20250301

// rng is SplitMix64. It is written out here rather than taken from math/rand
// because the committed samples must come out byte-identical on every Go
// release, and only the raw sources of math/rand/v2 promise a stable stream.
type rng struct{ state uint64 }

// newRNG gives each organisation-year its own stream, so adding an
// organisation or a year leaves the figures of the others unchanged.
func newRNG(org string, year int) *rng {
	h := fnv.New64a()
	h.Write([]byte(org))
	return &rng{state: seed ^ h.Sum64() ^ uint64(year)*0x9E3779B97F4A7C15}
}

func (r *rng) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// between returns a number in [lo, hi).
func (r *rng) between(lo, hi float64) float64 {
	return lo + (hi-lo)*float64(r.next()>>11)/(1<<53)
}

// count rounds a non-negative amount to a whole count.
func count(x float64) float64 { return math.Round(math.Max(x, 0)) }

// split divides total into parts proportional to weights, each weight jittered
// by ±25%, and hands out the rounding remainder by largest fraction so that
// the parts add up to total exactly.
func (r *rng) split(total float64, weights []float64) []float64 {
	jittered := make([]float64, len(weights))
	sum := 0.0
	for i, w := range weights {
		jittered[i] = w * r.between(0.75, 1.25)
		sum += jittered[i]
	}
	parts := make([]float64, len(weights))
	fractions := make([]float64, len(weights))
	given := 0.0
	for i, w := range jittered {
		exact := total * w / sum
		parts[i] = math.Floor(exact)
		fractions[i] = exact - parts[i]
		given += parts[i]
	}
	for left := int(total - given); left > 0; left-- {
		best := 0
		for i := range fractions {
			if fractions[i] > fractions[best] {
				best = i
			}
		}
		parts[best]++
		fractions[best] = -1
	}
	return parts
}
