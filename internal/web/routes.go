package web

import (
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes declares every route of the public site.
func (s *Server) routes() {
	e := s.echo
	e.GET("/", s.overview)
	e.GET("/compare", s.compare)
	e.GET("/trends", s.trends)
	e.GET("/organisations/:code", s.profile)
	e.GET("/extract", s.extractPage)
	e.GET("/extract.csv", s.extractCSV)
	e.GET("/extract.xlsx", s.extractXLSX)

	e.GET("/api/v1/observations", s.apiObservations)
	e.GET("/api/v1/indicators", s.apiIndicators)
	e.GET("/api/v1/organisations", s.apiOrganisations)
	e.GET("/healthz", s.healthz)

	assets, _ := fs.Sub(assetsFS, "assets") // "assets" is embedded, so Sub cannot fail
	files := http.StripPrefix("/assets/", http.FileServer(http.FS(assets)))
	e.GET("/assets/*", echo.WrapHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The files change only with the binary; a day keeps repeat visits fast.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})))
}
