package register

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/fcmn/infocentre/internal/domain"
)

// The limits of a register, beyond those every workbook has
// (internal/workbook): what no complaint register needs and what would let
// one upload hold the server's memory.
const (
	// MaxColumns is the most columns a register may have: eleven roles and
	// whatever else its tool exports beside them.
	MaxColumns = 256
	// MaxCellChars bounds the text of a cell that plays a role (a complaint
	// number, a date, a label).
	MaxCellChars = 256
	// MaxLineBytes bounds a line of a CSV register (DuckDB's reader stops
	// at 2 MB).
	MaxLineBytes = 1 << 20
	// ctxRows is how often, in rows, a pass over a register looks whether
	// its request was cancelled.
	ctxRows = 1024
)

// checkColumns refuses a header with more columns than a register can have.
func checkColumns(num int, header []string) error {
	if len(header) > MaxColumns {
		return domain.Errorf(domain.EINVALID, "error.register.too_many_columns", num, len(header), MaxColumns)
	}
	return nil
}

// tooWide tells whether a row of cells is wider than a register can be.
func tooWide(cells []string) bool { return len(cells) > MaxColumns }

// tooLong tells whether the text of a role's cell is longer than any
// register value.
func tooLong(text string) bool {
	return len(text) > MaxCellChars && utf8.RuneCountInString(text) > MaxCellChars
}

// lineCap passes a CSV through and fails with a domain.EINVALID error at
// the first line longer than MaxLineBytes: the CSV readers never hold more
// of a line than that.
type lineCap struct {
	r    io.Reader
	line int   // lines passed
	run  int64 // bytes since the last newline
}

func (l *lineCap) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	chunk := p[:n]
	for {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			l.run += int64(len(chunk))
			break
		}
		if l.run+int64(i) > MaxLineBytes {
			return 0, l.refuse()
		}
		l.line++
		l.run = 0
		chunk = chunk[i+1:]
	}
	if l.run > MaxLineBytes {
		return 0, l.refuse()
	}
	return n, err
}

func (l *lineCap) refuse() error {
	return domain.Errorf(domain.EINVALID, "error.register_line_too_long", l.line+1, MaxLineBytes>>20)
}

// overLimits refuses a row wider than a register, or whose role cells are
// longer than MaxCellChars; such a row is read no further (matching a huge
// text against the labels would cost more than the row is worth).
func (rr *rowReader) overLimits(cells []string, c *complaint, problem func(int, string, string, string, ...string)) bool {
	if tooWide(cells) {
		problem(iComplaint, "", "reg_too_many_columns", "", "n", strconv.Itoa(len(cells)), "max", strconv.Itoa(MaxColumns))
		return true
	}
	long := false
	for i, text := range c.texts {
		if tooLong(text) {
			problem(i, text, "reg_cell_too_long", "", "max", strconv.Itoa(MaxCellChars))
			long = true
		}
	}
	return long
}
