package report

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/assets"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/reference"
)

// Report formats.
const (
	FormatHTML = "html"
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

//go:embed templates/report.html
var templateFS embed.FS

// Printer prints a standalone HTML document to PDF (internal/pdf's Renderer).
type Printer interface {
	Render(ctx context.Context, html []byte) ([]byte, error)
}

// Documents lays out the network's report and the administrations' letters
// from the published figures, and writes them as HTML, PDF or a workbook.
type Documents struct {
	st      Store
	figures *Builder
	version string
	tmpl    *template.Template
}

// NewDocuments parses the report's template (a broken one is an error, so
// that the server or the command refuses to start); version is the
// program's, printed in the colophon; now is the time the figures are
// extracted at (nil for the system clock).
func NewDocuments(st Store, version string, now func() time.Time) (*Documents, error) {
	tmpl, err := template.New("report").ParseFS(templateFS, "templates/report.html")
	if err != nil {
		return nil, fmt.Errorf("report: parse template: %w", err)
	}
	return &Documents{st: st, figures: New(st, now), version: version, tmpl: tmpl}, nil
}

// ref is the reference as it is now: the coordinator may change it.
func (d *Documents) ref() *reference.Catalogue { return d.st.Reference() }

// Query is the query of a report's parameters, the year filled in: it alone
// makes the report's cache key and links, and the workbook names it.
func Query(year int, group string) url.Values {
	q := url.Values{"year": {strconv.Itoa(year)}}
	if group != "" {
		q.Set("group", group)
	}
	return q
}

// Render executes templates/report.html; standalone inlines the stylesheet
// and scripts so that the file stands on its own.
func (d *Documents) Render(p Page, standalone bool) ([]byte, error) {
	if standalone {
		p.Standalone = true
		a, err := readReportAssets()
		if err != nil {
			return nil, err
		}
		p.Assets = a
	}
	var buf bytes.Buffer
	if err := d.tmpl.ExecuteTemplate(&buf, "report", p); err != nil {
		return nil, fmt.Errorf("report: render: %w", err)
	}
	return buf.Bytes(), nil
}

func readReportAssets() (reportAssets, error) {
	var a reportAssets
	css, err := fs.ReadFile(assets.FS(), "report.css")
	if err != nil {
		return a, fmt.Errorf("report: assets: %w", err)
	}
	charts, err := fs.ReadFile(assets.FS(), "charts.js")
	if err != nil {
		return a, fmt.Errorf("report: assets: %w", err)
	}
	// Without echarts.min.js (`make assets`) the report keeps its tables.
	echarts, _ := fs.ReadFile(assets.FS(), "echarts.min.js")
	a.CSS, a.Charts, a.Echarts = template.CSS(css), template.JS(charts), template.JS(echarts)
	return a, nil
}

// WriteNetworkXLSX lays the network report out as a workbook.
func (d *Documents) WriteNetworkXLSX(ctx context.Context, w io.Writer, l *locale.Printer, year int, group string) error {
	p, err := d.Network(ctx, l, year, group)
	if err != nil {
		return err
	}
	wb := Workbook{Title: p.Title + " · " + p.Subtitle}
	taken := map[string]bool{"about": true}
	for _, sec := range p.Sections {
		if sec.ID == "sources" {
			wb.About = append(wb.About, [2]string{l.T("report.xlsx.extracted"), p.Extracted}, [2]string{l.T("report.xlsx.filters"), Query(year, group).Encode()})
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
		sh := Sheet{Name: SheetName(sec.Title, taken), Title: sec.Title}
		for _, ch := range sec.Charts {
			sh.Tables = append(sh.Tables, workbookTable(ch.Title, ch.Table))
		}
		for _, t := range sec.Tables {
			sh.Tables = append(sh.Tables, workbookTable("", t))
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return WriteXLSX(w, wb)
}

func workbookTable(title string, t reportTable) Table {
	out := Table{Title: title, Head: t.Head, Chart: t.XLSX}
	if out.Head[0] == "" {
		out.Head = append([]string{title}, t.Head[1:]...)
	}
	for _, r := range t.Rows {
		row := Row{Label: r.Label, Total: r.Total}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, Cell{Text: c.Text, Value: c.Value, Number: c.Raw != "", Unit: c.Unit})
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// WriteNetwork writes the network's report of year (group empty for the
// whole network) as a standalone HTML file, a PDF (printed by pr, nil when
// there is no browser) or a workbook: what `infocentre report` writes.
func (d *Documents) WriteNetwork(ctx context.Context, w io.Writer, pr Printer, year int, group, lang, format string) error {
	l := locale.NewPrinter(lang)
	if format == FormatXLSX {
		return d.WriteNetworkXLSX(ctx, w, l, year, group)
	}
	p, err := d.Network(ctx, l, year, group)
	if err != nil {
		return err
	}
	return d.write(ctx, w, pr, p, format)
}

// WriteLetter writes an administration's yearly letter as standalone HTML
// or PDF (printed by pr, nil when there is no browser).
func (d *Documents) WriteLetter(ctx context.Context, w io.Writer, pr Printer, org string, year int, lang, format string) error {
	o, ok := d.ref().Organisation(org)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", org)
	}
	p, err := d.Letter(ctx, locale.NewPrinter(lang), o, year)
	if err != nil {
		return err
	}
	return d.write(ctx, w, pr, p, format)
}

func (d *Documents) write(ctx context.Context, w io.Writer, pr Printer, p Page, format string) error {
	var body []byte
	var err error
	switch format {
	case FormatHTML:
		body, err = d.Render(p, true)
	case FormatPDF:
		if pr == nil {
			return pdf.ErrUnavailable
		}
		if body, err = d.Render(p, true); err == nil {
			body, err = pr.Render(ctx, body)
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
