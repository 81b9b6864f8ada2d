package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// zipBomb builds an XLSX-looking zip whose worksheet inflates to size bytes.
// If lie is set, the zip headers claim the part is 1 KB, so that only the
// inflation itself can tell.
func zipBomb(tb testing.TB, size int64, lie bool) []byte {
	tb.Helper()
	var compressed bytes.Buffer
	fw, _ := flate.NewWriter(&compressed, flate.BestSpeed)
	crc := crc32.NewIEEE()
	chunk := make([]byte, 1<<20)
	for written := int64(0); written < size; written += int64(len(chunk)) {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, _ := zw.Create(part.name)
		io.WriteString(w, part.body)
	}
	hdr := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(compressed.Len()), UncompressedSize64: uint64(size)}
	if lie {
		hdr.UncompressedSize64 = 1024
	}
	w, err := zw.CreateRaw(hdr)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(compressed.Bytes())
	zw.Close()
	return out.Bytes()
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
