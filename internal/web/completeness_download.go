package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/extract"
	"github.com/xuri/excelize/v2"
)

// completenessCSV is GET /review/completeness.csv: the matrix as UTF-8 CSV
// with a BOM, so that spreadsheets read the accents.
func (s *Server) completenessCSV(c echo.Context) error {
	table, name, err := s.completenessTable(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	for _, row := range table {
		inert := make([]string, len(row))
		for i, v := range row {
			inert[i] = extract.InertCSV(v)
		}
		if err := w.Write(inert); err != nil {
			return fmt.Errorf("web: completeness csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("web: completeness csv: %w", err)
	}
	return attachment(c, name+".csv", "text/csv; charset=utf-8", buf.Bytes())
}

// completenessXLSX is GET /review/completeness.xlsx: the matrix on one
// sheet, every cell text (formula-like text with the Text format, as in the
// extracts).
func (s *Server) completenessXLSX(c echo.Context) error {
	table, name, err := s.completenessTable(c)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Completeness"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("web: completeness xlsx: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return fmt.Errorf("web: completeness xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("web: completeness xlsx: %w", err)
	}
	// Every cell is written as a string; the header row is bold and
	// formula-like text gets the Text format, as in the extracts.
	for r, row := range table {
		for i, v := range row {
			cell, err := excelize.CoordinatesToCellName(i+1, r+1)
			if err != nil {
				return fmt.Errorf("web: completeness xlsx: %w", err)
			}
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return fmt.Errorf("web: completeness xlsx: %w", err)
			}
			style := 0
			switch {
			case r == 0:
				style = bold
			case extract.FormulaLike(v):
				style = text
			}
			if style != 0 {
				if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
					return fmt.Errorf("web: completeness xlsx: %w", err)
				}
			}
		}
	}
	if err := f.SetColWidth(sheet, "B", "B", 45); err != nil {
		return fmt.Errorf("web: completeness xlsx: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("web: completeness xlsx: %w", err)
	}
	return attachment(c, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

func attachment(c echo.Context, name, contentType string, body []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, contentType, body)
}
