package testfiles

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// ProtectedWorkbook is a workbook holding text in A1 that Excel asks the
// password "geheim" to open: an encrypted OLE file, not a zip. excelize
// encrypts only when it saves to a file, written in dir.
func ProtectedWorkbook(dir, text string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", text); err != nil {
		return nil, fmt.Errorf("protected workbook: %w", err)
	}
	path := filepath.Join(dir, "protected.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "geheim"}); err != nil {
		return nil, fmt.Errorf("protected workbook: %w", err)
	}
	return os.ReadFile(path)
}
