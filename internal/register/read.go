package register

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/xuri/excelize/v2"
)

// Limits of the sniffing: the header must be in the first headerScanRows
// records, which must fit in sniffBytes.
const (
	headerScanRows = 40
	sniffBytes     = 64 << 10
)

// source streams the complaint rows of a register, after its header.
type source interface {
	rows(fn rowFunc) error
}

// rowFunc takes a row: num is its number as the user sees it (CSV line or
// sheet row); badUTF8 tells that a CSV line is no UTF-8 text (its cells are
// then as read).
type rowFunc func(num int, cells []string, badUTF8 bool) error

// csvSource reads a CSV file as encoding/csv does; DuckDB reads the same
// file for the load.
type csvSource struct {
	path        string
	sep         rune
	skip        int  // records before the first complaint
	windows1252 bool // the file is Windows-1252 text, else UTF-8
}

// rows splits lines without quotes itself, which is what a register export
// mostly is and several times cheaper than encoding/csv; from the first line
// with a quote (or too long for the buffer) on, encoding/csv reads the rest.
// Both pass over blank lines, as DuckDB's reader does.
func (c csvSource) rows(fn rowFunc) error {
	f, err := os.Open(c.path)
	if err != nil {
		return err
	}
	defer f.Close()
	return c.read(f, fn)
}

func (c csvSource) read(r io.Reader, fn rowFunc) error {
	if c.windows1252 {
		r = newWindows1252Reader(r)
	}
	br := bufio.NewReaderSize(&lineCap{r: r}, 1<<16)
	var cells []string
	records := 0
	for line := 1; ; line++ {
		raw, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull || bytes.IndexByte(raw, '"') >= 0 {
			rest := io.MultiReader(bytes.NewReader(bytes.Clone(raw)), br)
			return c.rowsByCSV(rest, line-1, records, fn)
		}
		if err != nil && err != io.EOF {
			return err
		}
		text := bytes.TrimSuffix(bytes.TrimSuffix(raw, []byte("\n")), []byte("\r"))
		if len(text) > 0 {
			records++
			if records > c.skip {
				cells = splitInto(cells[:0], string(text), c.sep)
				if err := fn(line, cells, !c.windows1252 && !utf8.Valid(text)); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// splitInto appends the fields of line to cells.
func splitInto(cells []string, line string, sep rune) []string {
	if sep < utf8.RuneSelf {
		for {
			i := strings.IndexByte(line, byte(sep))
			if i < 0 {
				return append(cells, line)
			}
			cells = append(cells, line[:i])
			line = line[i+1:]
		}
	}
	return append(cells, strings.Split(line, string(sep))...)
}

// rowsByCSV reads r with encoding/csv, after lines lines holding records
// records.
func (c csvSource) rowsByCSV(r io.Reader, lines, records int, fn rowFunc) error {
	cr := newCSVReader(r, c.sep)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("cannot read the CSV: %w", err)
		}
		records++
		if records <= c.skip {
			continue
		}
		line, _ := cr.FieldPos(0)
		if err := fn(lines+line, rec, !c.windows1252 && !validCells(rec)); err != nil {
			return err
		}
	}
}

// validCells tells whether every cell is UTF-8 text.
func validCells(cells []string) bool {
	for _, cell := range cells {
		if !utf8.ValidString(cell) {
			return false
		}
	}
	return true
}

func newCSVReader(r io.Reader, sep rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return cr
}

// xlsxSource streams one sheet of an open workbook, cells as raw values
// (dates as serial numbers).
type xlsxSource struct {
	wb    *excelize.File
	sheet string
	skip  int // rows before the first complaint
}

// rows hands fn the rows of the sheet while excelize parses the next ones
// in a goroutine of its own: parsing the XML is most of the work, and
// checking and storing the rows take the other core.
func (x xlsxSource) rows(fn rowFunc) error {
	rows, err := x.wb.Rows(x.sheet)
	if err != nil {
		return fmt.Errorf("sheet %q: %w", x.sheet, err)
	}
	defer rows.Close()
	batches := make(chan sheetRows, 4)
	stop := make(chan struct{})
	go x.parse(rows, batches, stop)
	defer func() {
		close(stop)
		for range batches { // until parse has returned: rows closes after
		}
	}()
	for b := range batches {
		for i, num := range b.nums {
			if err := fn(num, b.cells[i], false); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

// sheetRows are rows of a sheet that hold something, with their numbers;
// err ends the sheet.
type sheetRows struct {
	nums  []int
	cells [][]string
	err   error
}

// sheetBatch is how many rows parse hands over at once.
const sheetBatch = 512

// parse reads rows into batches until the sheet ends or stop is closed.
func (x xlsxSource) parse(rows *excelize.Rows, batches chan<- sheetRows, stop <-chan struct{}) {
	defer close(batches)
	var b sheetRows
	send := func() bool {
		select {
		case batches <- b:
			b = sheetRows{}
			return true
		case <-stop:
			return false
		}
	}
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.err = fmt.Errorf("sheet %q row %d: %w", x.sheet, num, err)
			send()
			return
		}
		if num <= x.skip || blank(cells) {
			continue
		}
		b.nums, b.cells = append(b.nums, num), append(b.cells, cells)
		if len(b.nums) == sheetBatch && !send() {
			return
		}
	}
	b.err = rows.Error()
	send()
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// head is what the first rows of a table tell: the header, the title lines
// above it.
type head struct {
	num    int      // row number of the header (CSV line, sheet row)
	index  int      // records before the header
	header []string // header cells
	titles []string // texts above the header
}

// findHeader picks the first record naming at least a complaint number and
// a date received.
func (rd *Reader) findHeader(records [][]string, nums []int) (head, bool) {
	var titles []string
	for i, rec := range records {
		roles := rd.roles(rec)
		if slices.Contains(roles, store.RegisterComplaint) && slices.Contains(roles, store.RegisterReceived) {
			return head{num: nums[i], index: i, header: append([]string{}, rec...), titles: titles}, true
		}
		titles = append(titles, strings.Join(rec, " "))
	}
	return head{}, false
}

// decodedCSV returns a path to the file as DuckDB can read it, with the
// encoding DuckDB is to read it in: the file itself when it is UTF-8; the
// file itself read as Latin-1 when it is Windows-1252 without any of the
// 32 bytes where the two differ (0x80–0x9F: €, typographic quotes, dashes…),
// as most exports are; else a converted UTF-8 copy in dir (Windows-1252 is
// what Excel writes in Belgium). UTF-16 is refused.
func decodedCSV(path, dir string, start []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(start, []byte{0xFF, 0xFE}), bytes.HasPrefix(start, []byte{0xFE, 0xFF}):
		return "", "", domain.Errorf(domain.EINVALID, "error.register.utf16")
	case validUTF8Prefix(start):
		return path, encodingUTF8, nil
	}
	in, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer in.Close()
	latin, err := latin1Compatible(in)
	if err != nil || latin {
		return path, encodingLatin1, err
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return "", "", err
	}
	out, err := os.CreateTemp(dir, "register-*.csv")
	if err != nil {
		return "", "", err
	}
	err = copyWindows1252(out, in)
	if err = errors.Join(err, out.Close()); err != nil {
		os.Remove(out.Name())
		return "", "", fmt.Errorf("convert %s from Windows-1252: %w", filepath.Base(path), err)
	}
	return out.Name(), encodingUTF8, nil
}

// The encodings DuckDB reads a register CSV in (read_csv's encoding).
const (
	encodingUTF8   = "utf-8"
	encodingLatin1 = "latin-1"
)

// latin1Compatible tells whether r holds none of the bytes 0x80–0x9F, so
// that its Windows-1252 text reads the same as Latin-1.
func latin1Compatible(r io.Reader) (bool, error) {
	buf := make([]byte, 1<<20)
	for {
		n, err := r.Read(buf)
		if holdsC1(buf[:n]) {
			return false, nil
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// holdsC1 tells whether b holds a byte 0x80–0x9F, eight bytes at a time:
// a byte is one of those when its top three bits are 100.
func holdsC1(b []byte) bool {
	const ones, highs, top3 = 0x0101010101010101, 0x8080808080808080, 0xE0E0E0E0E0E0E0E0
	for len(b) >= 8 {
		// Bytes that are 0x80–0x9F become zero; the test for a zero byte
		// is exact.
		x := binary.LittleEndian.Uint64(b)&top3 ^ highs
		if (x-ones)&^x&highs != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c-0x80 < 0x20 {
			return true
		}
	}
	return false
}

// windows1252Reader reads Windows-1252 text as UTF-8.
type windows1252Reader struct {
	r       io.Reader
	in, out []byte // out[:len(out)] waits to be read
}

func newWindows1252Reader(r io.Reader) *windows1252Reader {
	return &windows1252Reader{r: r, in: make([]byte, 64<<10)}
}

func (w *windows1252Reader) Read(p []byte) (int, error) {
	for len(w.out) == 0 {
		n, err := w.r.Read(w.in)
		w.out = ingest.AppendWindows1252(w.out[:0], w.in[:n])
		if len(w.out) == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, w.out)
	w.out = w.out[n:]
	return n, nil
}

// copyWindows1252 writes the Windows-1252 text of r to w as UTF-8, a
// megabyte at a time.
func copyWindows1252(w io.Writer, r io.Reader) error {
	in := make([]byte, 1<<20)
	out := make([]byte, 0, 2<<20)
	for {
		n, err := r.Read(in)
		if n > 0 {
			out = ingest.AppendWindows1252(out[:0], in[:n])
			if _, werr := w.Write(out); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// validUTF8Prefix tells whether start is UTF-8, allowing a rune cut at its end.
func validUTF8Prefix(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return len(b) < utf8.UTFMax && !utf8.FullRune(b)
		}
		b = b[size:]
	}
	return true
}
