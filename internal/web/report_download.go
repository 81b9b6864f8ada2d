package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/report"
)

// networkReportParams reads ?year= (default: the latest published year) and
// ?group=.
func (s *Server) networkReportParams(ctx context.Context, c echo.Context) (int, string, error) {
	years, err := s.st.DashboardYears(ctx)
	if err != nil {
		return 0, "", fmt.Errorf("web: report years: %w", err)
	}
	p := s.params()
	year, err := p.PublishedYear(c.QueryParams(), years)
	if err != nil {
		return 0, "", err
	}
	group, err := p.Group(c.QueryParam("group"))
	return year, group, err
}

// networkReport is GET /reports/network?year=&group=&lang= and, as
// /reports/network.pdf, the same report printed by the server's browser.
func (s *Server) networkReport(c echo.Context) error {
	year, group, err := s.networkReportParams(c.Request().Context(), c)
	if err != nil {
		return err
	}
	return s.reportResponse(c, "network", report.Query(year, group), func(ctx context.Context, l Locale) (report.Page, error) {
		return s.reports.Network(ctx, l.p, year, group)
	})
}

// networkReportXLSX is GET /reports/network.xlsx: the report's tables as
// sheets, each chart as a native Excel chart.
func (s *Server) networkReportXLSX(c echo.Context) error {
	ctx := c.Request().Context()
	l := newLocale(resolveLanguage(c, s.cfg.SecureCookies))
	year, group, err := s.networkReportParams(ctx, c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.reports.WriteNetworkXLSX(ctx, &buf, l.p, year, group); err != nil {
		return err
	}
	name := fmt.Sprintf("infocentre_report_%d_%s.xlsx", year, l.Lang)
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// letterOrg reads the administration of /reports/organisations/:code.
func (s *Server) letterOrg(c echo.Context) (reference.Organisation, error) {
	code := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(c.Param("code"), ".pdf"), ".html"))
	o, ok := s.ref().Organisation(code)
	if !ok {
		return o, domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", code)
	}
	return o, nil
}

// letterReport is GET /reports/organisations/CODE?year=&lang= and, with
// CODE.pdf, its PDF.
func (s *Server) letterReport(c echo.Context) error {
	o, err := s.letterOrg(c)
	if err != nil {
		return err
	}
	years, err := s.st.DashboardYears(c.Request().Context())
	if err != nil {
		return fmt.Errorf("web: letter years: %w", err)
	}
	year, err := s.params().PublishedYear(c.QueryParams(), years)
	if err != nil {
		return err
	}
	return s.reportResponse(c, "letter", report.Query(year, ""), func(ctx context.Context, l Locale) (report.Page, error) {
		return s.reports.Letter(ctx, l.p, o, year)
	})
}

// reportResponse answers a report as HTML, or as PDF when the path ends in
// .pdf; both are cached per data version like the other pages, keyed by the
// language, the path and q, the report's parameters as read: other
// parameters in the URL cannot force a build. Identical requests that
// arrive while the report is built share that build (and print).
func (s *Server) reportResponse(c echo.Context, name string, q url.Values, build func(ctx context.Context, l Locale) (report.Page, error)) error {
	ctx := c.Request().Context()
	l := newLocale(resolveLanguage(c, s.cfg.SecureCookies))
	path := c.Request().URL.Path
	asPDF := strings.HasSuffix(path, ".pdf")
	if asPDF && s.cfg.PDF == nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, l.T("report.pdf_unavailable"))
	}
	version, err := s.version.Get(ctx)
	if err != nil {
		return fmt.Errorf("web: report %s: %w", name, err)
	}
	key := "report " + l.Lang + " " + path + "?" + q.Encode()
	body, ok := s.cache.Get(version, key)
	if !ok {
		body, err = s.builds.Do(strconv.FormatInt(version, 10)+" "+key, func() ([]byte, error) {
			// The build is shared: one caller going away must not stop
			// it for the others. The printer's time limits bound it.
			ctx := context.WithoutCancel(ctx)
			p, err := build(ctx, l)
			if err != nil {
				return nil, err
			}
			var body []byte
			if asPDF {
				body, err = s.printReport(ctx, p)
			} else {
				reportLinks(&p, path, q, s.cfg.PDF != nil)
				body, err = s.reports.Render(p, false)
			}
			if err != nil {
				return nil, err
			}
			s.cache.Put(version, key, body)
			return body, nil
		})
		if errors.Is(err, pdf.ErrBusy) {
			c.Response().Header().Set("Retry-After", strconv.Itoa(pdfRetryAfter))
		}
		if err != nil {
			return err
		}
	}
	if asPDF {
		return c.Blob(http.StatusOK, "application/pdf", body)
	}
	return c.HTMLBlob(http.StatusOK, body)
}

// pdfRetryAfter is the Retry-After, in seconds, of a PDF the printer was too
// busy to print: about the time of one document.
const pdfRetryAfter = 30

// reportLinks adds the language links and the PDF link of the page at path
// with the query q.
func reportLinks(p *report.Page, path string, q url.Values, withPDF bool) {
	for _, lang := range locale.Languages() {
		lq := maps.Clone(q)
		lq.Set("lang", lang)
		p.LangLinks = append(p.LangLinks, langLink{Lang: lang, Name: languageNames[lang], URL: path + "?" + lq.Encode(), Current: lang == p.Lang()})
	}
	if withPDF {
		pq := maps.Clone(q)
		pq.Set("lang", p.Lang())
		p.PDF = path + ".pdf?" + pq.Encode()
	}
}

// printReport renders the standalone report and prints it with the shared
// browser; a full queue or a browser that cannot start is 503.
func (s *Server) printReport(ctx context.Context, p report.Page) ([]byte, error) {
	html, err := s.reports.Render(p, true)
	if err != nil {
		return nil, err
	}
	out, err := s.cfg.PDF.Render(ctx, html)
	if errors.Is(err, pdf.ErrBusy) || errors.Is(err, pdf.ErrUnavailable) {
		return nil, echo.NewHTTPError(http.StatusServiceUnavailable, p.T("report.pdf_busy")).SetInternal(err)
	}
	if err != nil {
		return nil, fmt.Errorf("web: print report: %w", err)
	}
	return out, nil
}
