package web

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/opendata"
)

// openDataCatalog is GET /open-data/catalog.jsonld: the DCAT-AP catalogue
// of the open data, for data.gov.be to harvest.
func (s *Server) openDataCatalog(c echo.Context) error {
	f, err := s.openData.Current(c.Request().Context())
	if err != nil {
		return fmt.Errorf("web: open data catalogue: %w", err)
	}
	texts := map[string]opendata.Texts{}
	for _, lang := range locale.Languages() {
		l := newLocale(lang)
		texts[lang] = opendata.Texts{
			CatalogTitle: l.T("opendata.catalog.title"), CatalogDescription: l.T("opendata.catalog.description"),
			DatasetTitle: l.T("opendata.dataset.title"), DatasetDescription: l.T("opendata.dataset.description"),
			Publisher: l.T("opendata.publisher"), Keywords: strings.Split(l.T("opendata.keywords"), ", "),
			CSVTitle: l.T("opendata.csv.title"), ParquetTitle: l.T("opendata.parquet.title"),
		}
	}
	body, err := opendata.Catalog(f, c.Scheme()+"://"+c.Request().Host, texts)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/ld+json", body)
}

// openDataCSV is GET /open-data/observations.csv: every published figure in
// the export's CSV format, rewritten when the published data changes.
func (s *Server) openDataCSV(c echo.Context) error {
	f, err := s.openData.Current(c.Request().Context())
	if err != nil {
		return fmt.Errorf("web: open data csv: %w", err)
	}
	c.Response().Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	return s.openDataFile(c, f.CSV, "observations.csv", f)
}

// openDataParquet is GET /open-data/observations.parquet: the same as
// Parquet, written by DuckDB's COPY.
func (s *Server) openDataParquet(c echo.Context) error {
	f, err := s.openData.Current(c.Request().Context())
	if err != nil {
		return fmt.Errorf("web: open data parquet: %w", err)
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/vnd.apache.parquet")
	return s.openDataFile(c, f.Parquet, "observations.parquet", f)
}

// openDataFile serves a download with its modification time, so that
// harvesters can ask If-Modified-Since.
func (s *Server) openDataFile(c echo.Context, path, name string, f opendata.Files) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("web: open data %s: %w", name, err)
	}
	defer file.Close()
	http.ServeContent(c.Response(), c.Request(), name, f.Modified, file)
	return nil
}
