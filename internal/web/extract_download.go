package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/extract"
)

// extractCSV is GET /extract.csv with the filters of extract.ParseQuery.
func (s *Server) extractCSV(c echo.Context) error {
	return s.extractDownload(c, "csv", "text/csv; charset=utf-8", s.extractor.WriteCSV)
}

// extractXLSX is GET /extract.xlsx with the filters of extract.ParseQuery.
func (s *Server) extractXLSX(c echo.Context) error {
	return s.extractDownload(c, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s.extractor.WriteXLSX)
}

// extractDownload writes the extract into memory first, so that a failure
// becomes an error page instead of a truncated file; extracts of this
// network's size are a few hundred kilobytes at most.
func (s *Server) extractDownload(c echo.Context, ext, contentType string, write func(context.Context, io.Writer, extract.Request) error) error {
	q := c.QueryParams()
	if q.Get("lang") == "" {
		q.Set("lang", resolveLanguage(c, s.cfg.SecureCookies))
	}
	r, err := extract.ParseQuery(q)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(c.Request().Context(), &buf, r); err != nil {
		return fmt.Errorf("web: extract %s: %w", ext, err)
	}
	name := s.extractor.FileName(r, ext)
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(200, contentType, buf.Bytes())
}
