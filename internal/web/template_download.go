package web

import (
	"bytes"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/review"
	"github.com/fcmn/infocentre/internal/yeartemplate"
)

// templateDownload is GET /submissions/template.xlsx and GET
// /api/v1/template.xlsx: the year's template (?year=) of the agency's own
// administration, or of ?org= for the coordinator, in ?lang= (else the
// page's language), its inputs filled with the published values when
// ?prefill=1.
func (s *Server) templateDownload(c echo.Context) error {
	q := c.QueryParams()
	org, err := review.TemplateOrganisation(viewerOf(c).Account, q.Get("org"))
	if err != nil {
		return err
	}
	year, err := s.params().Year("year", q.Get("year"))
	if err != nil {
		return err
	}
	lang := q.Get("lang")
	if lang == "" {
		lang = s.locale(c).Lang
	}
	req := yeartemplate.Request{Organisation: org, Year: year, Lang: lang, Prefill: isTrue(q.Get("prefill"))}
	var buf bytes.Buffer
	if err := yeartemplate.Write(c.Request().Context(), s.st, req, &buf); err != nil {
		return err
	}
	return attachment(c, req.FileName(), yeartemplate.ContentType, buf.Bytes())
}
