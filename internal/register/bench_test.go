package register

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/register/gen"
	"github.com/fcmn/infocentre/internal/store"
)

// benchRows is the size of the register BenchmarkRegister1M imports.
const benchRows = 1_000_000

// BenchmarkRegister1M imports a generated 1M-complaint register and, in the
// same iteration, runs the yardstick in a database of its own: DuckDB's own
// read_csv of that file into register_rows and the same
// register_indicators.sql, committed. It reports the ratio import/yardstick
// and the peak memory of the import: the process's peak RSS (VmHWM, which
// covers DuckDB's memory outside the Go heap; exact for the first iteration,
// later ones start from what earlier ones left mapped), how much of it the
// import added to the process (import-MB: the process with both databases
// open takes about 90 MB before), and the Go heap.
func BenchmarkRegister1M(b *testing.B) {
	ref, err := reference.Load()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "register FIN.csv")
	if err := gen.WriteFile(path, gen.Write, gen.Config{Rows: benchRows, FirstYear: 2023, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var baseline, imported time.Duration
	var peakRSS, growth, peakHeap uint64
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		yard := openBenchStore(b, filepath.Join(dir, "yardstick"+strconv.Itoa(i)+".duckdb"), ref)
		st := openBenchStore(b, filepath.Join(dir, "import"+strconv.Itoa(i)+".duckdb"), ref)
		im := NewImporter(st)
		b.StartTimer()

		// The import first, so that its peak memory is not the yardstick's.
		resetPeakRSS()
		floor := readPeakRSS(b) // the resident set now
		stopSampling := sampleHeap(&peakHeap)
		t0 := time.Now()
		res, err := im.Import(ctx, Request{Path: path, Source: "bench", Status: domain.StatusApproved})
		imported += time.Since(t0)
		stopSampling()
		peak := readPeakRSS(b)
		peakRSS, growth = max(peakRSS, peak), max(growth, peak-min(floor, peak))
		if err != nil {
			b.Fatal(err)
		}

		t0 = time.Now()
		want, err := yard.BaselineRegister(ctx, path, "FIN", gen.Values(ref, "FIN"), im.codes("channel"), im.codes("language"), im.codes("type"))
		if err != nil {
			b.Fatal(err)
		}
		baseline += time.Since(t0)

		if !res.Accepted() || res.Rows != benchRows || len(res.Stored.Stored.Created) != 2 {
			b.Fatalf("import: accepted %v, %d rows, %d submissions; problems %v",
				res.Accepted(), res.Rows, len(res.Stored.Stored.Created), res.Problems)
		}
		if got := res.Stored.Observations; len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			b.Fatalf("import computed %d observations, the yardstick %d, or different values", len(got), len(want))
		}
		b.StopTimer()
		yard.Close()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(baseline.Seconds()/float64(i), "baseline-s")
	b.ReportMetric(imported.Seconds()/float64(i), "import-s")
	b.ReportMetric(imported.Seconds()/baseline.Seconds(), "ratio")
	b.ReportMetric(float64(peakRSS)/(1<<20), "peak-MB")
	b.ReportMetric(float64(growth)/(1<<20), "import-MB")
	b.ReportMetric(float64(peakHeap)/(1<<20), "go-heap-MB")
}

// benchMemoryLimit caps DuckDB in both stores of the benchmark, so that peak
// memory measures what the import needs rather than what DuckDB caches.
const benchMemoryLimit = "128MB"

func openBenchStore(b *testing.B, path string, ref *reference.Catalogue) *store.Store {
	st, err := store.Open(context.Background(), path, ref)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.SetMemoryLimit(context.Background(), benchMemoryLimit); err != nil {
		b.Fatal(err)
	}
	return st
}

// sampleHeap records the peak Go heap in use until the returned function is
// called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// resetPeakRSS restarts the kernel's count of the peak resident set (Linux).
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// readPeakRSS reads VmHWM, the peak resident set since resetPeakRSS.
func readPeakRSS(tb testing.TB) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		tb.Logf("no /proc/self/status: peak RSS not measured")
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
