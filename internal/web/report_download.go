package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/report"
)

// Report formats.
const (
	FormatHTML = "html"
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

// networkReport is GET /reports/network?year=&group=&lang= and, as
// /reports/network.pdf, the same report printed by the server's browser.
func (s *Server) networkReport(c echo.Context) error {
	year, group, err := s.networkReportParams(c.Request().Context(), c)
	if err != nil {
		return err
	}
	return s.reportResponse(c, "network", reportQuery(year, group), func(ctx context.Context, l Locale) (reportPage, error) {
		return s.buildNetworkReport(ctx, l, year, group)
	})
}

// reportQuery is the query of a report's parameters as read, the latest year
// filled in: it alone makes the report's cache key and links.
func reportQuery(year int, group string) url.Values {
	q := url.Values{"year": {strconv.Itoa(year)}}
	if group != "" {
		q.Set("group", group)
	}
	return q
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
	if err := s.writeNetworkXLSX(ctx, &buf, l, year, group); err != nil {
		return err
	}
	name := fmt.Sprintf("infocentre_report_%d_%s.xlsx", year, l.Lang)
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
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
	return s.reportResponse(c, "letter", reportQuery(year, ""), func(ctx context.Context, l Locale) (reportPage, error) {
		return s.buildLetter(ctx, l, o, year)
	})
}

// reportResponse answers a report as HTML, or as PDF when the path ends in
// .pdf; both are cached per data version like the other pages, keyed by the
// language, the path and q, the report's parameters as read: other
// parameters in the URL cannot force a build. Identical requests that
// arrive while the report is built share that build (and print).
func (s *Server) reportResponse(c echo.Context, name string, q url.Values, build func(ctx context.Context, l Locale) (reportPage, error)) error {
	ctx := c.Request().Context()
	l := newLocale(resolveLanguage(c, s.cfg.SecureCookies))
	path := c.Request().URL.Path
	asPDF := strings.HasSuffix(path, ".pdf")
	if asPDF && s.cfg.PDF == nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, l.T("report.pdf_unavailable"))
	}
	version, err := s.version.get(ctx)
	if err != nil {
		return fmt.Errorf("web: report %s: %w", name, err)
	}
	key := "report " + l.Lang + " " + path + "?" + q.Encode()
	body, ok := s.cache.get(version, key)
	if !ok {
		body, err = s.builds.do(strconv.FormatInt(version, 10)+" "+key, func() ([]byte, error) {
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
				body, err = s.renderReport(p, false)
			}
			if err != nil {
				return nil, err
			}
			s.cache.put(version, key, body)
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
func reportLinks(p *reportPage, path string, q url.Values, withPDF bool) {
	for _, lang := range locale.Languages() {
		lq := maps.Clone(q)
		lq.Set("lang", lang)
		p.LangLinks = append(p.LangLinks, langLink{Lang: lang, Name: languageNames[lang], URL: path + "?" + lq.Encode(), Current: lang == p.Lang})
	}
	if withPDF {
		pq := maps.Clone(q)
		pq.Set("lang", p.Lang)
		p.PDF = path + ".pdf?" + pq.Encode()
	}
}

// reportLinks adds the language links and the PDF link of the page.
func (s *Server) reportLinks(c echo.Context, p *reportPage) {
	u := *c.Request().URL
	for _, lang := range locale.Languages() {
		q := u.Query()
		q.Set("lang", lang)
		u.RawQuery = q.Encode()
		p.LangLinks = append(p.LangLinks, langLink{Lang: lang, Name: languageNames[lang], URL: u.RequestURI(), Current: lang == p.Lang})
	}
	if s.cfg.PDF != nil {
		q := c.Request().URL.Query()
		q.Set("lang", p.Lang)
		p.PDF = c.Request().URL.Path + ".pdf?" + q.Encode()
	}
}

// renderReport executes templates/report.html; standalone inlines the
// stylesheet and scripts so that the file stands on its own.
func (s *Server) renderReport(p reportPage, standalone bool) ([]byte, error) {
	if standalone {
		p.Standalone = true
		assets, err := readReportAssets()
		if err != nil {
			return nil, err
		}
		p.Assets = assets
	}
	var buf bytes.Buffer
	if err := s.reportTmpl.ExecuteTemplate(&buf, "report", p); err != nil {
		return nil, fmt.Errorf("web: render report: %w", err)
	}
	return buf.Bytes(), nil
}

func readReportAssets() (reportAssets, error) {
	var a reportAssets
	css, err := fs.ReadFile(assetsFS, "assets/report.css")
	if err != nil {
		return a, fmt.Errorf("web: report assets: %w", err)
	}
	charts, err := fs.ReadFile(assetsFS, "assets/charts.js")
	if err != nil {
		return a, fmt.Errorf("web: report assets: %w", err)
	}
	// Without echarts.min.js (`make assets`) the report keeps its tables.
	echarts, _ := fs.ReadFile(assetsFS, "assets/echarts.min.js")
	a.CSS, a.Charts, a.Echarts = template.CSS(css), template.JS(charts), template.JS(echarts)
	return a, nil
}

// printReport renders the standalone report and prints it with the shared
// browser; a full queue or a browser that cannot start is 503.
func (s *Server) printReport(ctx context.Context, p reportPage) ([]byte, error) {
	html, err := s.renderReport(p, true)
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

// writeNetworkXLSX lays the network report out as a workbook.
func (s *Server) writeNetworkXLSX(ctx context.Context, w io.Writer, l Locale, year int, group string) error {
	p, err := s.buildNetworkReport(ctx, l, year, group)
	if err != nil {
		return err
	}
	wb := report.Workbook{Title: p.Title + " · " + p.Subtitle}
	taken := map[string]bool{"about": true}
	for _, sec := range p.Sections {
		if sec.ID == "sources" {
			wb.About = append(wb.About, [2]string{l.T("report.xlsx.extracted"), p.Extracted}, [2]string{l.T("report.xlsx.filters"), reportQuery(year, group).Encode()})
			for _, line := range sec.Intro {
				wb.About = append(wb.About, [2]string{"", line})
			}
			for _, t := range sec.Tables {
				for _, r := range t.Rows {
					var parts []string
					for _, c := range r.Cells {
						parts = append(parts, c.Text)
					}
					wb.About = append(wb.About, [2]string{r.Label, strings.Join(parts, " · ")})
				}
			}
			continue
		}
		sh := report.Sheet{Name: report.SheetName(sec.Title, taken), Title: sec.Title}
		for _, ch := range sec.Charts {
			sh.Tables = append(sh.Tables, workbookTable(ch.Title, ch.Table))
		}
		for _, t := range sec.Tables {
			sh.Tables = append(sh.Tables, workbookTable("", t))
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return report.WriteXLSX(w, wb)
}

func workbookTable(title string, t reportTable) report.Table {
	out := report.Table{Title: title, Head: t.Head, Chart: t.XLSX}
	if out.Head[0] == "" {
		out.Head = append([]string{title}, t.Head[1:]...)
	}
	for _, r := range t.Rows {
		row := report.Row{Label: r.Label, Total: r.Total}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, report.Cell{Text: c.Text, Value: c.Value, Number: c.Raw != "", Unit: c.Unit})
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// WriteNetworkReport writes the network's report of year (group empty for
// the whole network) as a standalone HTML file, a PDF or a workbook: what
// `infocentre report` writes.
func (s *Server) WriteNetworkReport(ctx context.Context, w io.Writer, year int, group, lang, format string) error {
	l := newLocale(lang)
	if format == FormatXLSX {
		return s.writeNetworkXLSX(ctx, w, l, year, group)
	}
	p, err := s.buildNetworkReport(ctx, l, year, group)
	if err != nil {
		return err
	}
	return s.writeReport(ctx, w, p, format)
}

// WriteLetter writes an administration's yearly letter as standalone HTML
// or PDF.
func (s *Server) WriteLetter(ctx context.Context, w io.Writer, org string, year int, lang, format string) error {
	o, ok := s.ref().Organisation(org)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", org)
	}
	p, err := s.buildLetter(ctx, newLocale(lang), o, year)
	if err != nil {
		return err
	}
	return s.writeReport(ctx, w, p, format)
}

func (s *Server) writeReport(ctx context.Context, w io.Writer, p reportPage, format string) error {
	var body []byte
	var err error
	switch format {
	case FormatHTML:
		body, err = s.renderReport(p, true)
	case FormatPDF:
		if s.cfg.PDF == nil {
			return pdf.ErrUnavailable
		}
		if body, err = s.renderReport(p, true); err == nil {
			body, err = s.cfg.PDF.Render(ctx, body)
		}
	default:
		return domain.Errorf(domain.EINVALID, "error.unknown_report_format", format)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(body)
	return err
}
