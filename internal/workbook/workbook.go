// Package workbook opens uploaded XLSX workbooks within one set of limits,
// shared by every reader of workbooks (the indicator importer and the
// register reader): a zip bomb, a giant cell or a giant row is refused by a
// streaming pass over the zip, in constant memory, before excelize reads a
// byte of it.
package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
)

// The limits of a workbook.
const (
	// UnzipBudget is what all the parts of a workbook may unpack to, in
	// all: a register of 500,000 complaints fits.
	UnzipBudget = 256 << 20
	// XMLInMemory is the size above which excelize streams a worksheet from
	// a temporary file rather than from memory.
	XMLInMemory = 16 << 20
	// MaxCellBytes bounds a cell's text (and any run of XML between two
	// tags): Excel itself holds at most 32,767 characters in a cell, which
	// is at most this many bytes of UTF-8.
	MaxCellBytes = 32767 * 4
	// MaxRowBytes bounds the XML of one row of a worksheet.
	MaxRowBytes = 2 << 20
)

// Error is why a workbook is refused: a domain.EINVALID error whose message
// the uploader reads in their language.
type Error = domain.Error

func refuse(key string, args ...any) error { return domain.Errorf(domain.EINVALID, key, args...) }

// OpenBytes checks the limits of a workbook held in memory and opens it.
// A worksheet above XMLInMemory is unpacked to a file in tmpDir (the
// system's temporary folder if empty).
func OpenBytes(data []byte, tmpDir string) (*excelize.File, error) {
	if err := Check(bytes.NewReader(data), int64(len(data))); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), options(tmpDir))
	if err != nil {
		return nil, damaged(err)
	}
	return f, nil
}

// OpenFile checks the limits of a workbook on disk and opens it, as
// OpenBytes does.
func OpenFile(path, tmpDir string) (*excelize.File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	info, err := fh.Stat()
	if err == nil {
		err = Check(fh, info.Size())
	}
	fh.Close()
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, options(tmpDir))
	if err != nil {
		return nil, damaged(err)
	}
	return f, nil
}

func options(tmpDir string) excelize.Options {
	return excelize.Options{UnzipSizeLimit: UnzipBudget, UnzipXMLSizeLimit: XMLInMemory, TmpDir: tmpDir}
}

func damaged(err error) error {
	return refuse("error.workbook.damaged", err)
}

// Check streams every part of the zip once, counting what it really
// unpacks to (a zip's declared sizes may lie; archive/zip refuses a part
// longer than declared, and the budget counts what was read), and measuring
// the longest run of text between two XML tags and the longest worksheet
// row. It holds a few kilobytes whatever the file.
func Check(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return notZip(r, size, err)
	}
	var total int64
	for _, part := range zr.File {
		if part.UncompressedSize64 > UnzipBudget {
			return tooBig()
		}
		rc, err := part.Open()
		if err != nil {
			return damaged(err)
		}
		n, err := scanPart(rc, UnzipBudget-total, isXML(part.Name))
		rc.Close()
		total += n
		if err != nil {
			var we *Error
			if errors.As(err, &we) {
				return err
			}
			return damaged(fmt.Errorf("%s: %w", part.Name, err))
		}
	}
	return nil
}

// The first bytes of a zip archive (every XLSX workbook, damaged or not)
// and of an OLE compound file (an XLSX workbook protected by a password,
// or an Excel 97-2003 .xls workbook).
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptionInfo is the name of the stream that an encrypted workbook's
	// compound file holds, in UTF-16LE as the file writes names.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// notZip says why a file that archive/zip cannot read is not a workbook:
// protected by a password, an old .xls, a damaged zip, or no workbook at
// all (a text file named .xlsx).
func notZip(r io.ReaderAt, size int64, err error) error {
	head := make([]byte, len(oleMagic))
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.Equal(head, oleMagic) && Protected(io.NewSectionReader(r, 0, size)):
		return refuse("error.workbook.encrypted")
	case bytes.Equal(head, oleMagic):
		return refuse("error.workbook.xls")
	case errors.Is(err, zip.ErrFormat) && !bytes.HasPrefix(head, zipMagic):
		return refuse("error.workbook.not_xlsx")
	}
	return damaged(err)
}

// Protected reports whether r, an OLE compound file (it starts as an .xls
// does), is rather an XLSX workbook protected by a password.
func Protected(r io.Reader) bool { return contains(r, encryptionInfo) }

// contains reports whether r holds pattern, reading it once in chunks.
func contains(r io.Reader, pattern []byte) bool {
	buf := make([]byte, 64<<10)
	keep := 0 // the end of the previous chunk, which a match may straddle
	for {
		n, err := io.ReadFull(r, buf[keep:])
		if bytes.Contains(buf[:keep+n], pattern) {
			return true
		}
		if err != nil {
			return false
		}
		keep = len(pattern) - 1
		copy(buf, buf[len(buf)-keep:])
	}
}

func tooBig() error {
	return refuse("error.workbook.too_big", UnzipBudget>>20)
}

func isXML(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
}

// scanPart reads a part of at most budget bytes and returns how many it
// read. In XML it bounds every run between '<' and the next '<' (a cell's
// text, or a tag with its attributes) and every <row> element.
func scanPart(r io.Reader, budget int64, xml bool) (int64, error) {
	if !xml {
		n, err := io.Copy(io.Discard, io.LimitReader(r, budget+1))
		if err == nil && n > budget {
			return n, tooBig()
		}
		return n, err
	}
	br := bufio.NewReaderSize(r, 32<<10)
	var read, run, rowStart int64 = 0, 0, -1
	for {
		chunk, err := br.ReadSlice('<')
		read += int64(len(chunk))
		run += int64(len(chunk))
		if read > budget {
			return read, tooBig()
		}
		if run > MaxCellBytes {
			return read, refuse("error.workbook.cell_too_long", 32767)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			return read, nil
		case err != nil:
			return read, err
		}
		run = 0
		// At a '<': a row starts or ends here.
		next, _ := br.Peek(5)
		switch {
		case bytes.HasPrefix(next, []byte("row ")) || bytes.HasPrefix(next, []byte("row>")):
			rowStart = read
		case bytes.HasPrefix(next, []byte("/row>")):
			rowStart = -1
		}
		if rowStart >= 0 && read-rowStart > MaxRowBytes {
			return read, refuse("error.workbook.row_too_long", MaxRowBytes>>20)
		}
	}
}
