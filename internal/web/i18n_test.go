package web

import (
	"math"
	"testing"
)

func TestNumberFormats(t *testing.T) {
	tests := []struct {
		lang string
		v    float64
		unit string
		want string
	}{
		{"nl", 1234.5, "days", "1.234,5"},
		{"fr", 1234.5, "days", "1\u00a0234,5"},
		{"en", 1234.5, "days", "1,234.5"},
		{"nl", 22806, "count", "22.806"},
		{"en", 1234567, "count", "1,234,567"},
		{"fr", 78.228, "percent", "78,2\u00a0%"},
		{"en", 5, "percent", "5.0\u00a0%"},
		{"nl", -1500, "count", "−1.500"},
		{"en", math.NaN(), "count", "–"},
		{"fr", math.NaN(), "percent", "–"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.want, func(t *testing.T) {
			if got := newLocale(tt.lang).Value(tt.v, tt.unit); got != tt.want {
				t.Errorf("Value(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
			}
		})
	}
}
