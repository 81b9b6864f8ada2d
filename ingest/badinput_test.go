package ingest

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/testfiles"
)

// zipBomb builds an XLSX-looking zip whose worksheet inflates to size bytes.
func zipBomb(tb testing.TB, size int64, lie bool) []byte {
	tb.Helper()
	data, err := testfiles.XLSXBomb(size, lie)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// peakHeap runs fn while sampling the heap in use and returns its peak.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	return peak.Load()
}

func TestParseHostileInput(t *testing.T) {
	p := mustParser(t)
	report := readFixture(t, "report_nl_FOD_Justitie.xlsx")
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 64<<10)
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	// 50 MB of printable junk with separators but no header.
	var junk strings.Builder
	for junk.Len() < 50<<20 {
		junk.WriteString("zq;wx,81;;ab\tcd lorem;ipsum;;;42,7;dolor\n")
	}
	tests := []struct {
		name  string
		data  []byte
		error string
	}{
		{"garbage.bin", garbage, "binary data, not text"},
		{"truncated.xlsx", report[:len(report)/2], "the XLSX workbook is damaged or truncated"},
		{"old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, garbage[:512]...), "old Excel 97-2003 (.xls)"},
		{"bomb.xlsx", zipBomb(t, 600<<20, false), "the XLSX unpacks to more than 256 MB: refused"},
		{"lying-bomb.xlsx", zipBomb(t, 600<<20, true), "the XLSX workbook is damaged or truncated"},
		{"junk.csv", []byte(junk.String()), "no table found"},
		{"page.xlsx", []byte("<html><body>Session expired</body></html>\n"), "the file is named .xlsx but is not an XLSX workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *Result
			peak := peakHeap(func() { res = p.Parse(tt.name, tt.data, Options{}) })
			if res.Accepted() {
				t.Fatal("accepted, want refused")
			}
			if len(res.Observations) != 0 && tt.name != "junk.csv" {
				t.Errorf("%d observations from a refused file", len(res.Observations))
			}
			if got := res.Problems[0].String(); !strings.Contains(got, tt.error) || !strings.HasPrefix(got, tt.name) {
				t.Errorf("problem = %q, want it to name the file and contain %q", got, tt.error)
			}
			if peak > 512<<20 {
				t.Errorf("peak heap %d MB, want under 512 MB", peak>>20)
			}
			t.Logf("peak heap %d MB", peak>>20)
			if res.Count(domain.SeverityError) != 1 {
				t.Errorf("%d errors, want 1", res.Count(domain.SeverityError))
			}
		})
	}
}
