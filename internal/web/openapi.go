package web

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openAPI is the API's OpenAPI 3.1 document. It is written by hand, as a
// file, rather than generated from the handlers: its descriptions are for a
// developer who has never seen the project, which no struct tag says, and
// linters and validators read it as it is. TestOpenAPIMatchesRoutes keeps it
// and the routes together.
//
//go:embed openapi/openapi.json
var openAPI []byte

// openAPIDocument is GET /api/v1/openapi.json.
func (s *Server) openAPIDocument(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPI)
}

// apiDocs is GET /api: the document for people, rendered in the browser by
// Redoc from /assets/redoc.standalone.js (pinned in package-lock.json and
// copied by `make assets`, like echarts), so no other host is involved.
func (s *Server) apiDocs(c echo.Context) error {
	l := s.locale(c)
	return s.render(c, http.StatusOK, "api", s.base(c, l, "api", l.T("api_docs.title")))
}
