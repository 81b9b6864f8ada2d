package testfiles

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// ProtectedWorkbook is a workbook holding a word in A1 that Excel asks the
// password "geheim" to open: an encrypted OLE file, not a zip. excelize
// encrypts only when it saves to a file, written in the test's temporary
// folder.
func ProtectedWorkbook(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", "organisation"); err != nil {
		tb.Fatalf("protected workbook: %v", err)
	}
	path := filepath.Join(tb.TempDir(), "protected.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "geheim"}); err != nil {
		tb.Fatalf("protected workbook: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("protected workbook: %v", err)
	}
	return data
}
