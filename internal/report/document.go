package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
)

// Page is the data of templates/report.html: a print-ready document of
// sections, each starting on a new page, every chart followed by its table.
type Page struct {
	*locale.Printer
	Title      string
	Subtitle   string
	Year       int
	Sections   []reportSection
	LangLinks  []LangLink
	PDF        string // the PDF of the same report; empty in the PDF itself
	Standalone bool   // styles and scripts inline, for a file or the PDF renderer
	Assets     reportAssets
	Version    string
	Extracted  string
}

// reportAssets are the stylesheet and scripts inlined in a standalone report.
type reportAssets struct {
	CSS     template.CSS
	Echarts template.JS
	Charts  template.JS
}

// LangLink is a link to the same report in another language.
type LangLink struct {
	Lang    string
	Name    string
	URL     string
	Current bool
}

// fact is a fast fact of the report: a figure and the previous year's.
type fact struct {
	Label    string
	Value    string
	Previous string
}

// reportSection is one chapter of a report.
type reportSection struct {
	ID     string
	Title  string
	Intro  []string
	Facts  []fact
	Charts []reportChart
	Tables []reportTable
	Lists  []reportList
}

// reportChart is a chart and, right under it, its table.
type reportChart struct {
	Chart dashboards.Chart
	Title string
	Table reportTable
}

// reportTable is a table whose cells carry their unformatted value in
// data-value, so that a figure can be checked against the API.
type reportTable struct {
	ID   string
	Head []string
	Rows []reportRow
	Note string
	// XLSX is the native chart of the table in the workbook; nil for none.
	XLSX *Chart
}

type reportRow struct {
	Key   string // data-key: an organisation code, a year, a breakdown value
	Label string
	Cells []reportCell
	Total bool
}

type reportCell struct {
	Text  string
	Raw   string // the value as the API writes it; empty for text
	Class string
	Value float64 // the figure, when Raw is set
	Unit  string
}

type reportList struct {
	Title string
	Items []string
	Empty string
}

// num is a figure cell: formatted in the page's language, raw for checks.
func num(l *locale.Printer, v float64, unit string) reportCell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return reportCell{Text: l.Value(v, unit), Class: "num"}
	}
	return reportCell{Text: l.Value(v, unit), Raw: strconv.FormatFloat(v, 'f', -1, 64), Class: "num", Value: v, Unit: unit}
}

func change(l *locale.Printer, now, before float64, unit string) reportCell {
	return reportCell{Text: l.Change(now-before, unit), Class: "num"}
}

func text(s string) reportCell { return reportCell{Text: s} }

// orgName is an administration's name in l, or its code when unknown.
func (d *Documents) orgName(code string, l *locale.Printer) string {
	if o, ok := d.ref().Organisation(code); ok {
		return o.Name.In(l.Lang())
	}
	return code
}

// measureLabel names a rate or an indicator in l.
func (d *Documents) measureLabel(l *locale.Printer, code string) string {
	if in, ok := d.ref().Indicator(code); ok {
		return in.Label.In(l.Lang())
	}
	return l.T("measure." + code)
}

// reportChartOf draws a chart with the print options: a fixed size and SVG
// rendering, so that the chart prints sharp and the same on every page.
func reportChartOf(c dashboards.Chart, err error, title string, t reportTable) (reportChart, error) {
	if err != nil {
		return reportChart{}, fmt.Errorf("report: report chart %s: %w", title, err)
	}
	return reportChart{Chart: c, Title: title, Table: t}, nil
}

// sourcesSection lists the submissions the figures come from and when they
// were extracted.
func (d *Documents) sourcesSection(l *locale.Printer, n *Network, org string) reportSection {
	sec := reportSection{ID: "sources", Title: l.T("report.sources.title")}
	sec.Intro = append(sec.Intro, fmt.Sprintf(l.T("report.sources.intro"),
		n.Extracted.In(domain.Brussels()).Format("2006-01-02 15:04 MST"), strconv.FormatInt(n.DataVersion, 16)))
	t := reportTable{ID: "sources", Head: []string{l.T("report.org"), l.T("report.sources.file"),
		l.T("report.sources.version"), l.T("report.sources.kind"), l.T("report.sources.date")}}
	var subs []domain.Submission
	for _, sub := range n.Sources {
		if org == "" || sub.Organisation == org {
			subs = append(subs, sub)
		}
	}
	for _, sub := range subs {
		t.Rows = append(t.Rows, reportRow{Key: strconv.FormatInt(sub.ID, 10), Label: d.orgName(sub.Organisation, l), Cells: []reportCell{
			text(sub.FileName), text(strconv.Itoa(sub.Version)), text(sub.Kind),
			text(sub.CreatedAt.In(domain.Brussels()).Format("2006-01-02 15:04")),
		}})
	}
	sec.Tables = append(sec.Tables, t)
	if org == "" && n.EarlierSources > 0 {
		sec.Intro = append(sec.Intro, fmt.Sprintf(l.T("report.sources.earlier"), n.EarlierSources))
	}
	return sec
}
