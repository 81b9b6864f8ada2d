package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/testfiles"
)

// sheetXLSX builds a one-sheet workbook whose sheet data is written by rows.
func sheetXLSX(t *testing.T, rows func(w io.Writer)) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	rows(w)
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// ordinary is a workbook as Excel writes it, with cells as long as Excel
// allows.
func ordinary(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r := 1; r <= 1000; r++ {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("C%d", r), strings.Repeat("é", 32767)}); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func inlineCell(w io.Writer, ref, text string) {
	fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}

// TestCheckLimits: every limit of a workbook is met by a file just past it,
// and refused before excelize reads a byte; an ordinary workbook passes.
func TestCheckLimits(t *testing.T) {
	bomb, err := testfiles.XLSXBomb(300<<20, false)
	if err != nil {
		t.Fatal(err)
	}
	lying, err := testfiles.XLSXBomb(300<<20, true)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string // part of the refusal; empty: accepted
	}{
		{"ordinary", ordinary(t), ""},
		{"declared bomb", bomb, "unpacks to more than 256 MB"},
		{"lying bomb", lying, "damaged or truncated"},
		{"cell of 0.1 GiB", sheetXLSX(t, func(w io.Writer) {
			io.WriteString(w, `<row r="1">`)
			inlineCell(w, "A1", strings.Repeat("0", 100<<20))
			io.WriteString(w, `</row>`)
		}), "holds more than 32767 characters"},
		{"row of 3 MB", sheetXLSX(t, func(w io.Writer) {
			io.WriteString(w, `<row r="1">`)
			for c := range 16384 {
				inlineCell(w, fmt.Sprintf("R1C%d", c+1), strings.Repeat("x", 200))
			}
			io.WriteString(w, `</row>`)
		}), "row of the XLSX workbook is longer than 2 MB"},
		{"not a zip", []byte("PK\x03\x04 but nothing else"), "damaged or truncated"},
		{"text named .xlsx", []byte("organisation;year;indicator\nFIN;2024;received\n"), "the file is not an XLSX workbook"},
		{"old .xls", append(append([]byte{}, oleMagic...), make([]byte, 4096)...), "an Excel 97-2003 workbook (.xls)"},
		{"password", testfiles.ProtectedWorkbook(t), "protected by a password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(bytes.NewReader(tt.data), int64(len(tt.data)))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				f, err := OpenBytes(tt.data, "")
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				f.Close()
				return
			}
			var we *Error
			if !errors.As(err, &we) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want a refusal with %q", err, tt.want)
			}
			if _, err := OpenBytes(tt.data, ""); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("OpenBytes: %v, want %q", err, tt.want)
			}
		})
	}
}

// TestLargeSheetInTempDir: a part above XMLInMemory is unpacked into
// the directory the caller names (the store's, emptied after a crash), not
// the system's temporary folder, and removed at Close.
func TestLargeSheetInTempDir(t *testing.T) {
	// 1,000 distinct texts of 20,000 characters: 20 MB of shared strings.
	wb := excelize.NewFile()
	defer wb.Close()
	for r := 1; r <= 1000; r++ {
		if err := wb.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("%05d", r) + strings.Repeat("x", 20_000)}); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := wb.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	dir := t.TempDir()
	f, err := OpenBytes(data, dir)
	if err != nil {
		t.Fatal(err)
	}
	inDir, _ := os.ReadDir(dir)
	if len(inDir) == 0 {
		t.Errorf("the shared strings were not unpacked in %s", dir)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("%d files left after Close", len(left))
	}
}
