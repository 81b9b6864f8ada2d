// Package register reads complaint registers (one row per complaint, CSV or
// XLSX, headers in Dutch, French or English), checks every row, and hands
// them to the store, which computes the network's indicators in SQL
// (sql/queries/register_indicators.sql).
//
// A CSV is read twice side by side: DuckDB loads it straight into
// register_rows while a Go pass validates each row and locates every
// problem; the file is kept only if that pass accepts it. An XLSX is read
// once, by Go: the pass that validates it hands its rows to the store.
package register

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/workbook"

	"github.com/fcmn/infocentre/ingest"
)

// MaxProblems is how many problems a report lists; the rest are counted.
const MaxProblems = 100

// Reader recognises registers against the reference catalogue.
type Reader struct {
	ref      *reference.Catalogue
	current  func() *reference.Catalogue // when set, asked at each Open
	headers  map[string]string           // normalised header text -> role
	outcomes map[string]string           // normalised outcome text -> code
}

// NewReader returns a reader matching against ref.
func NewReader(ref *reference.Catalogue) *Reader {
	return &Reader{ref: ref, headers: headerRoles(), outcomes: outcomeCodes()}
}

// NewLiveReader returns a reader that matches each register against the
// catalogue current returns when the register is opened.
func NewLiveReader(current func() *reference.Catalogue) *Reader {
	rd := NewReader(current())
	rd.current = current
	return rd
}

// Options carry what the caller knows that the file may not say.
type Options struct {
	Organisation string // organisation code when the file names none
	TempDir      string // where a converted copy of a non-UTF-8 CSV and excelize's files go; os.TempDir() if empty
}

// File is a register whose layout has been recognised: where its header is,
// which column holds what, whose complaints they are.
type File struct {
	Name   string // as given
	Format string // csv or xlsx

	rd      *Reader
	src     source
	columns []string // role of each column, "" for a column that is no role
	headers []string // header text of each column
	org     string   // organisation of every row when there is no organisation column
	orgFrom string   // where org was found, as a locale key
	sheet   string
	// rowsHint guesses the number of rows from the file size, to size the
	// check's map of complaint numbers once.
	rowsHint int

	// For DuckDB's reader: the file, its encoding, its separator, the
	// lines before the first complaint.
	csvPath     string
	csvEncoding string
	sep         rune
	skip        int
	cleanup     func()
}

// Open recognises the layout of a register file. The error says, in words a
// user can act on, why it is not a register.
func (rd *Reader) Open(path string, opts Options) (*File, error) {
	if rd.current != nil {
		live := *rd
		live.ref, live.current = rd.current(), nil
		rd = &live
	}
	start, err := readStart(path)
	if err != nil {
		return nil, err
	}
	f := &File{Name: path, rd: rd, cleanup: func() {}}
	var h head
	switch {
	case bytes.HasPrefix(start, []byte("PK\x03\x04")):
		f.Format = "xlsx"
		h, err = f.openXLSX(path, opts.TempDir)
	case strings.EqualFold(filepath.Ext(path), ".xlsx") && !bytes.HasPrefix(start, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		// Named .xlsx but no zip archive (nor a protected workbook, which
		// openCSV tells): a web page or text saved under the name of a
		// workbook.
		err = domain.Errorf(domain.EINVALID, "error.workbook.not_xlsx")
	default:
		f.Format = "csv"
		h, err = f.openCSV(path, start, opts)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := f.useHeader(h, opts); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Close removes what Open created (a converted copy of the CSV) and closes
// a workbook.
func (f *File) Close() error {
	f.cleanup()
	return nil
}

func (f *File) openCSV(path string, start []byte, opts Options) (head, error) {
	if bytes.HasPrefix(start, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		if protected(path) {
			return head{}, domain.Errorf(domain.EINVALID, "error.workbook.encrypted")
		}
		return head{}, domain.Errorf(domain.EINVALID, "error.register.xls")
	}
	dir := opts.TempDir
	if dir == "" {
		dir = os.TempDir()
	}
	csvPath, encoding, err := decodedCSV(path, dir, start)
	if err != nil {
		return head{}, err
	}
	if csvPath != path {
		f.cleanup = func() { os.Remove(csvPath) }
		if start, err = readStart(csvPath); err != nil {
			return head{}, err
		}
	}
	if encoding == encodingLatin1 {
		start = ingest.AppendWindows1252(nil, start)
	}
	sample := strings.TrimPrefix(string(start), "\uFEFF")
	if len(start) == sniffBytes {
		// The last line may be cut.
		if i := strings.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i+1]
		}
	}
	f.csvPath, f.csvEncoding, f.sep = csvPath, encoding, ingest.DetectSeparator(sample)
	r := newCSVReader(strings.NewReader(sample), f.sep)
	r.ReuseRecord = false
	var records [][]string
	var nums []int
	for len(records) < headerScanRows {
		rec, err := r.Read()
		if err != nil {
			break
		}
		line, _ := r.FieldPos(0)
		records, nums = append(records, rec), append(nums, line)
	}
	h, ok := f.rd.findHeader(records, nums)
	if !ok {
		return head{}, domain.Errorf(domain.EINVALID, "error.register.no_header")
	}
	if err := checkColumns(h.num, h.header); err != nil {
		return head{}, err
	}
	// DuckDB skips lines, encoding/csv records (it passes over blank lines,
	// as DuckDB does): the header's line number counts the lines to skip.
	f.skip = h.num
	if info, err := os.Stat(csvPath); err == nil && len(sample) > 0 {
		perLine := max(len(sample)/max(strings.Count(sample, "\n"), 1), 16)
		f.rowsHint = min(int(info.Size())/perLine, 1<<24)
	}
	f.src = csvSource{path: csvPath, sep: f.sep, skip: h.index + 1, windows1252: encoding == encodingLatin1}
	return h, nil
}

// protected reports whether the OLE compound file at path is an XLSX
// workbook protected by a password (else it is an old .xls).
func protected(path string) bool {
	fh, err := os.Open(path)
	if err != nil {
		return false
	}
	defer fh.Close()
	return workbook.Protected(bufio.NewReader(fh))
}

func readStart(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	buf := make([]byte, sniffBytes)
	n, err := io.ReadFull(bufio.NewReader(fh), buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return buf[:n], nil
}

// openXLSX finds the first sheet with a register header.
func (f *File) openXLSX(path, tmpDir string) (head, error) {
	// The limits every workbook shares (unzip budget, cell and row size)
	// are checked there before excelize reads it.
	wb, err := workbook.OpenFile(path, tmpDir)
	if err != nil {
		return head{}, err
	}
	// Kept open for the rows: opening checks the whole zip and unpacks it.
	f.cleanup = func() { wb.Close() }
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.Rows(sheet)
		if err != nil {
			return head{}, fmt.Errorf("sheet %q: %w", sheet, err)
		}
		var records [][]string
		var nums []int
		for num := 1; num <= headerScanRows && rows.Next(); num++ {
			cells, err := rows.Columns()
			if err != nil {
				rows.Close()
				return head{}, fmt.Errorf("sheet %q row %d: %w", sheet, num, err)
			}
			records, nums = append(records, cells), append(nums, num)
		}
		rows.Close()
		if h, ok := f.rd.findHeader(records, nums); ok {
			if err := checkColumns(h.num, h.header); err != nil {
				return head{}, domain.Errorf(domain.EINVALID, "error.register.in_sheet", sheet, err)
			}
			f.sheet = sheet
			f.src = xlsxSource{wb: wb, sheet: sheet, skip: h.num}
			return h, nil
		}
	}
	return head{}, domain.Errorf(domain.EINVALID, "error.register.no_sheet_header")
}

// roles names the role of each header cell, "" for the others.
func (rd *Reader) roles(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = rd.headers[reference.Normalize(h)]
	}
	return out
}

// useHeader records the columns and settles the organisation: a column, a
// title line, the file name, or the options.
func (f *File) useHeader(h head, opts Options) error {
	f.headers = h.header
	f.columns = f.rd.roles(h.header)
	seen := map[string]int{}
	for i, role := range f.columns {
		if role == "" {
			continue
		}
		if j, dup := seen[role]; dup {
			return domain.Errorf(domain.EINVALID, "error.register.same_role", h.num,
				domain.ColumnName(j+1), h.header[j], domain.ColumnName(i+1), h.header[i], role)
		}
		seen[role] = i
	}
	var missing []string
	for _, role := range []string{store.RegisterChannel, store.RegisterLanguage, store.RegisterAdmissible} {
		if _, ok := seen[role]; !ok {
			missing = append(missing, role)
		}
	}
	if len(missing) > 0 {
		return domain.Errorf(domain.EINVALID, "error.register.missing_columns", h.num, strings.Join(missing, ", "))
	}
	if _, ok := seen[store.RegisterOrganisation]; ok {
		f.org, f.orgFrom = opts.Organisation, "error.register.org_from.options"
		return nil
	}
	m := f.rd.ref.OrganisationMatcher()
	sources := append(append([]string{}, h.titles...), strings.TrimSuffix(filepath.Base(f.Name), filepath.Ext(f.Name)))
	for i, text := range sources {
		if code, ok := m.FindIn(text); ok {
			f.org, f.orgFrom = code, "error.register.org_from.title"
			if i == len(sources)-1 {
				f.orgFrom = "error.register.org_from.file_name"
			}
			break
		}
	}
	if opts.Organisation != "" {
		if f.org != "" && f.org != opts.Organisation {
			return domain.Errorf(domain.EINVALID, "error.register.org_differs", opts.Organisation, domain.Phrasef(f.orgFrom), f.org)
		}
		f.org, f.orgFrom = opts.Organisation, "error.register.org_from.options"
	}
	if f.org == "" {
		return domain.Errorf(domain.EINVALID, "error.register.no_org")
	}
	return nil
}

// Report is what the validation pass found in a register.
type Report struct {
	File          string
	Format        string
	Rows          int              // complaints read
	Organisations []string         // codes, in order of appearance
	Years         []int            // years of receipt, sorted
	Problems      []domain.Problem // the first MaxProblems, in row order
	MoreProblems  int              // problems not listed
	BadRows       int              // rows with at least one problem

	values []store.RegisterValue
	sha256 string
}

// Accepted tells whether the register has no bad row.
func (r *Report) Accepted() bool { return r.BadRows == 0 }

// Result is the outcome of importing one register.
type Result struct {
	*Report
	Stored store.RegisterResult
}

// Importer checks registers and has the store compute and keep them.
type Importer struct {
	st *store.Store
	rd *Reader
}

// NewImporter returns an importer writing to st.
func NewImporter(st *store.Store) *Importer {
	return &Importer{st: st, rd: NewLiveReader(st.Reference)}
}

// Request is one register file to import.
type Request struct {
	Path    string
	Options Options
	Source  string // who sends it
	Status  string // domain.StatusApproved or domain.StatusSubmitted
	DryRun  bool   // compute, write nothing
	// Audit, when set, is who sends the register and from where: its
	// "register_upload" entry is written with the submissions
	// (store.RegisterRequest).
	Audit *domain.AuditEntry
}

// noHeader tells whether Open found no register header at all.
func noHeader(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) && (de.Key == "error.register.no_header" || de.Key == "error.register.no_sheet_header")
}

// holdsFigures tells whether the file at path, given as a register, is a
// file of yearly figures: the indicator importer reads values from it.
func (im *Importer) holdsFigures(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return len(ingest.NewParser(im.st.Reference()).Parse(filepath.Base(path), data, ingest.Options{}).Observations) > 0
}

// Import checks and imports one register. A file that is not a register
// (no header, unknown organisation) is an error with domain.EINVALID; a
// register with bad rows comes back refused, with its problems, and nothing
// written.
func (im *Importer) Import(ctx context.Context, req Request) (*Result, error) {
	if req.Options.TempDir == "" {
		// The store's own directory: emptied when it opens again after a kill.
		req.Options.TempDir = im.st.TempDir()
	}
	f, err := im.rd.Open(req.Path, req.Options)
	if err != nil {
		if noHeader(err) && im.holdsFigures(req.Path) {
			return nil, domain.Errorf(domain.EINVALID, "error.register.is_figures", filepath.Base(req.Path))
		}
		return nil, domain.Errorf(domain.EINVALID, "error.file_reason", filepath.Base(req.Path), err)
	}
	defer f.Close()
	rep := &Report{File: req.Path, Format: f.Format}
	sreq := store.RegisterRequest{
		FileName: filepath.Base(req.Path), Source: req.Source, Status: req.Status, DryRun: req.DryRun, Audit: req.Audit,
		Channels:  im.codes("channel"),
		Languages: im.codes("language"),
		Types:     im.codes("type"),
	}
	verdict := func() store.RegisterCheck {
		return store.RegisterCheck{Accepted: rep.Accepted(), SHA256: rep.sha256, Rows: int64(rep.Rows), Values: rep.values}
	}
	if f.Format == "csv" {
		sreq.CSV = &store.RegisterCSV{Path: f.csvPath, Encoding: f.csvEncoding, Delimiter: string(f.sep), Skip: f.skip, Columns: f.duckColumns(), Organisation: f.org}
		sreq.Check = func(ctx context.Context) (store.RegisterCheck, error) {
			if err := f.check(ctx, rep, nil); err != nil {
				return store.RegisterCheck{}, err
			}
			return verdict(), nil
		}
	} else {
		sreq.Rows = func(yield func(store.RegisterRow) error) (store.RegisterCheck, error) {
			if err := f.check(ctx, rep, yield); err != nil {
				return store.RegisterCheck{}, err
			}
			return verdict(), nil
		}
	}
	stored, err := im.st.ImportRegister(ctx, sreq)
	if err != nil {
		return nil, fmt.Errorf("register: import %s: %w", req.Path, err)
	}
	return &Result{Report: rep, Stored: stored}, nil
}

func (im *Importer) codes(breakdown string) []string {
	var out []string
	for _, v := range im.st.Reference().BreakdownValuesOf(breakdown) {
		out = append(out, v.Code)
	}
	return out
}

// duckColumns names each column of the file for DuckDB's reader: its role,
// or a name that is no role.
func (f *File) duckColumns() []string {
	out := make([]string, len(f.columns))
	for i, role := range f.columns {
		out[i] = role
		if role == "" {
			out[i] = fmt.Sprintf("unused_%d", i+1)
		}
	}
	return out
}
