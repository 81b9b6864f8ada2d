package register

import (
	"fmt"
	"testing"
	"time"
)

// TestDatesAsTimeReadsThem: every d/m/yyyy and yyyy-mm-dd text of the
// years around the edges of the calendar's rules reads to the day, and is
// refused, exactly as time.Date would (31/02 does not roll over).
func TestDatesAsTimeReadsThem(t *testing.T) {
	rr := &rowReader{f: &File{Format: "csv"}}
	for _, y := range []int{0, 1, 4, 99, 100, 400, 1899, 1900, 1969, 1970, 1971, 2000, 2023, 2024, 2100, 2400, 9999} {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= 32; d++ {
				want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
				valid := want.Day() == d
				for _, text := range []string{fmt.Sprintf("%d/%d/%04d", d, m, y), fmt.Sprintf("%04d-%02d-%02d", y, m, d)} {
					got, year, ok := rr.date(text)
					switch {
					case ok != valid:
						t.Errorf("%s: read %v, want %v", text, ok, valid)
					case ok && (!got.time().Equal(want) || year != y):
						t.Errorf("%s: read %v (year %d), want %v", text, got.time(), year, want)
					}
				}
			}
		}
	}
}
