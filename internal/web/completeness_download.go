package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/extract"
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
	body, err := extract.TablesXLSX([]extract.Sheet{{Name: s.locale(c).T("workbook.sheet.completeness"), Rows: table, Widths: []float64{0, 45}}})
	if err != nil {
		return fmt.Errorf("web: completeness xlsx: %w", err)
	}
	return attachment(c, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
}

func attachment(c echo.Context, name, contentType string, body []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, contentType, body)
}
