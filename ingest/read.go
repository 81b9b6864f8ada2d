package ingest

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/workbook"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// headerScanRows is how far down a sheet the header may be found.
const headerScanRows = 40

// row is one line of a CSV file or one row of a sheet; num is 1-based as the
// user sees it.
type row struct {
	num   int
	cells []string
}

// table is one sheet (or the whole CSV) read row by row: the first rows are
// buffered for header detection, the rest stream from next.
type table struct {
	file    string
	sheet   string
	format  string // "csv" or "xlsx"
	decimal byte   // decimal mark the file declares by its dialect, 0 if unknown
	lines   int    // how many lines the file has, when cheap to know (CSV); 0 if unknown
	head    []row
	// next returns the next row, io.EOF at the end. The row's cells may be
	// reused by the call after: fill keeps copies.
	next func() (row, error)
	// split, when set, cuts the rows not yet read in two: the table keeps
	// the first part, and rest returns, each time it is called, a new table
	// of the second. ok is false when the table cannot be cut.
	split func() (rest func() *table, ok bool)
}

// fill buffers up to n non-streamed rows for header detection.
func (t *table) fill(n int) error {
	for len(t.head) < n {
		r, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		r.cells = slices.Clone(r.cells)
		t.head = append(t.head, r)
	}
	return nil
}

// readTables recognises the format and returns one table per sheet, and a
// function that releases what reading them holds (temporary files).
func readTables(name string, data []byte, tmpDir string, res *Result) ([]*table, func(), error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		res.Format = "xlsx"
		return readXLSX(name, data, tmpDir)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) && workbook.Protected(bytes.NewReader(data)):
		return nil, nil, domain.FileErrorf("file_encrypted", nil)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, nil, domain.FileErrorf("file_xls", nil)
	case strings.EqualFold(filepath.Ext(name), ".xlsx"):
		// Named .xlsx but no zip archive: a web page or text saved under
		// the name of a workbook.
		return nil, nil, domain.FileErrorf("file_not_xlsx", nil)
	}
	res.Format = "csv"
	text, err := decodeText(data)
	if err != nil {
		return nil, nil, err
	}
	return []*table{readCSV(name, text)}, func() {}, nil
}

// decodeText turns the bytes of a text export into a string: UTF-8 with or
// without BOM, UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252.
func decodeText(data []byte) (string, error) {
	var text string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text = string(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", domain.FileErrorf("file_utf16", err)
		}
		text = string(out)
	case utf8.Valid(data):
		text = string(data)
	default:
		text = windows1252(data)
	}
	if looksBinary(text) {
		return "", domain.FileErrorf("file_binary", nil)
	}
	return text, nil
}

// windows1252 decodes Windows-1252 text, which every byte is.
func windows1252(data []byte) string {
	return string(AppendWindows1252(make([]byte, 0, len(data)+len(data)/16), data))
}

// AppendWindows1252 appends the Windows-1252 text src to dst as UTF-8 and
// returns it: runs of ASCII are copied as they are, where charmap's decoder
// transforms each byte. A text cut anywhere decodes in pieces, as each byte
// is one character.
func AppendWindows1252(dst, src []byte) []byte {
	for len(src) > 0 {
		i := 0
		// ASCII eight bytes at a time, then byte by byte.
		for i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		for i < len(src) && src[i] < utf8.RuneSelf {
			i++
		}
		dst = append(dst, src[:i]...)
		if i < len(src) {
			dst = utf8.AppendRune(dst, charmap.Windows1252.DecodeByte(src[i]))
			i++
		}
		src = src[i:]
	}
	return dst
}

// looksBinary spots control characters that no spreadsheet export contains.
func looksBinary(text string) bool {
	sample := text
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	control := 0
	for _, r := range sample {
		if r == 0 {
			return true
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == utf8.RuneError {
			control++
		}
	}
	return control > len(sample)/20
}

// readCSV detects the separator and the decimal mark and streams records.
func readCSV(name, text string) *table {
	sep := DetectSeparator(text)
	t := &table{file: name, format: "csv", lines: strings.Count(text, "\n") + 1}
	if sep == ';' || sep == '\t' {
		// Excel writes ';' where the decimal mark is a comma; a tab file may
		// use either, so it stays unknown.
		if sep == ';' {
			t.decimal = ','
		}
	} else {
		t.decimal = '.'
	}
	c := &csvReader{text: text, sep: sep}
	t.next = c.next
	t.split = func() (func() *table, bool) {
		second, ok := c.cut(minSplitBytes)
		if !ok {
			return nil, false
		}
		return func() *table {
			c := &csvReader{text: second.text, pos: second.pos, lines: second.lines, sep: second.sep}
			return &table{file: t.file, format: t.format, decimal: t.decimal,
				lines: strings.Count(c.text[c.pos:], "\n") + 1, next: c.next}
		}, true
	}
	return t
}

// minSplitBytes is the least CSV text worth reading on two cores.
const minSplitBytes = 256 << 10

// csvReader streams the records of a CSV text as encoding/csv reads them
// with LazyQuotes: empty lines skipped, "\r\n" read as "\n", each record
// with its line number. A line without a quote is one record of the cells
// between its separators, split here directly, without encoding/csv's
// copies through its buffers: that is nearly every line of an export. From
// the first line with a quote on (a quoted cell may hold separators and line
// breaks), encoding/csv reads the rest.
type csvReader struct {
	text       string
	pos, lines int         // where the next line starts, lines passed
	sep        rune        // one of DetectSeparator's, all ASCII
	r          *csv.Reader // once a line has a quote
	// Lines are copied into chunks of text, a few allocations for many
	// lines, and cut into cells that the next line reuses.
	copies strings.Builder
	cells  []string
}

// copyChunk is the size of csvReader's chunks of text: a cell kept (in a
// problem) holds its chunk.
const copyChunk = 16 << 10

func (c *csvReader) next() (row, error) {
	if c.r != nil {
		return c.quoted()
	}
	for c.pos < len(c.text) {
		line, next := c.text[c.pos:], len(c.text)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], c.pos+i+1
		}
		if strings.IndexByte(line, '"') >= 0 {
			c.r = csv.NewReader(strings.NewReader(c.text[c.pos:]))
			c.r.Comma = c.sep
			c.r.FieldsPerRecord = -1
			c.r.LazyQuotes = true
			return c.quoted()
		}
		c.lines++
		c.pos = next
		if line = strings.TrimSuffix(line, "\r"); line != "" {
			return row{num: c.lines, cells: c.split(c.copy(line))}, nil
		}
	}
	return row{}, io.EOF
}

// copy copies a line, so that the cells kept (a header, a value quoted in a
// problem) do not hold the whole text. A strings.Builder never changes the
// bytes it has given out; a new one is started when one is full.
func (c *csvReader) copy(line string) string {
	if c.copies.Cap()-c.copies.Len() < len(line) {
		c.copies = strings.Builder{}
		c.copies.Grow(max(copyChunk, len(line)))
	}
	start := c.copies.Len()
	c.copies.WriteString(line)
	return c.copies.String()[start:]
}

// split cuts a line into its cells, as strings.Split, reusing the slice
// of the line before.
func (c *csvReader) split(line string) []string {
	c.cells = c.cells[:0]
	for {
		i := strings.IndexByte(line, byte(c.sep))
		if i < 0 {
			c.cells = append(c.cells, line)
			break
		}
		c.cells = append(c.cells, line[:i])
		line = line[i+1:]
	}
	return c.cells
}

func (c *csvReader) quoted() (row, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return row{}, err
	}
	line, _ := c.r.FieldPos(0)
	if err != nil {
		return row{}, domain.FileErrorf("csv_unreadable", err, "line", strconv.Itoa(c.lines+line))
	}
	return row{num: c.lines + line, cells: rec}, nil
}

// cut cuts what is left to read in two at the line break nearest past its
// middle: c keeps the first part, the second is returned with its lines
// numbered on from the first's. It refuses when less than least bytes are
// left, or when a quote is left anywhere: a quoted cell may span lines.
func (c *csvReader) cut(least int) (*csvReader, bool) {
	rest := c.text[c.pos:]
	if c.r != nil || len(rest) < least || strings.IndexByte(rest, '"') >= 0 {
		return nil, false
	}
	i := strings.IndexByte(rest[len(rest)/2:], '\n')
	if i < 0 {
		return nil, false
	}
	cut := c.pos + len(rest)/2 + i + 1
	second := &csvReader{text: c.text, pos: cut, lines: c.lines + strings.Count(c.text[c.pos:cut], "\n"), sep: c.sep}
	c.text = c.text[:cut]
	return second, true
}

// DetectSeparator picks among ; tab , | the one that splits the first lines
// of a CSV text into the most rows of one same width greater than one. The
// register reader uses it too.
func DetectSeparator(text string) rune {
	sample := text
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
		if i := strings.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i]
		}
	}
	best, bestScore := ',', -1
	for _, sep := range []rune{';', '\t', ',', '|'} {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma = sep
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		widths := map[int]int{}
		for {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				widths[len(rec)]++
			}
		}
		score := 0
		for w, n := range widths {
			if s := n * min(w, 12); s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// readXLSX opens the workbook with unzip limits and returns one streaming
// table per sheet, merged cells filled with their value.
func readXLSX(name string, data []byte, tmpDir string) ([]*table, func(), error) {
	// The limits of every workbook (unzip budget, cell and row size) are
	// checked there, in one streaming pass, before excelize reads it.
	f, err := workbook.OpenBytes(data, tmpDir)
	if err != nil {
		if strings.Contains(err.Error(), "unpacks to more than") {
			return nil, nil, domain.FileErrorf("xlsx_too_large", err, "mb", strconv.Itoa(workbook.UnzipBudget>>20))
		}
		return nil, nil, domain.FileErrorf("xlsx_damaged", err)
	}
	merges, err := xlsxMerges(data)
	if err != nil {
		f.Close()
		return nil, nil, domain.FileErrorf("xlsx_damaged", err)
	}
	var (
		tables  []*table
		closers []func() error
	)
	closeAll := func() {
		for _, c := range closers {
			c()
		}
		f.Close()
	}
	for _, sheet := range f.GetSheetList() {
		t, closeRows, err := sheetTable(f, name, sheet, merges[sheet])
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		tables = append(tables, t)
		closers = append(closers, closeRows)
	}
	if len(tables) == 0 {
		closeAll()
		return nil, nil, domain.FileErrorf("xlsx_no_sheet", nil)
	}
	return tables, closeAll, nil
}

func sheetTable(f *excelize.File, name, sheet string, merged []*merge) (*table, func() error, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, fmt.Errorf("sheet %q: %w", sheet, err)
	}
	num := 0
	t := &table{file: name, sheet: sheet, format: "xlsx"}
	t.next = func() (row, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return row{}, fmt.Errorf("sheet %q row %d: %w", sheet, num+1, err)
			}
			return row{}, io.EOF
		}
		num++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return row{}, fmt.Errorf("sheet %q row %d: %w", sheet, num, err)
		}
		for _, m := range merged {
			if num < m.r1 || num > m.r2 {
				continue
			}
			if num == m.r1 {
				m.value = cellAt(cells, m.c1)
			}
			for len(cells) <= m.c2 {
				cells = append(cells, "")
			}
			for c := m.c1; c <= m.c2; c++ {
				cells[c] = m.value
			}
		}
		return row{num: num, cells: cells}, nil
	}
	return t, rows.Close, nil
}
