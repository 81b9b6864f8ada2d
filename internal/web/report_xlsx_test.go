package web

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/store"
)

// xlsxChart is a native chart of the workbook with the cells it draws.
type xlsxChart struct {
	Sheet  string
	Title  string
	Series map[string]map[string]string // series name -> category -> value cell
}

var rangeRE = regexp.MustCompile(`^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$`)

// chartXML is what the test reads of xl/charts/chartN.xml.
type chartXML struct {
	Title []string    `xml:"chart>title>tx>rich>p>r>t"`
	Bars  []seriesXML `xml:"chart>plotArea>barChart>ser"`
	Lines []seriesXML `xml:"chart>plotArea>lineChart>ser"`
}

type seriesXML struct {
	Name       string `xml:"tx>strRef>f"`
	Categories string `xml:"cat>strRef>f"`
	Values     string `xml:"val>numRef>f"`
}

// cellsOf reads the cells of an absolute range like 'Sheet'!$B$2:$B$5.
func cellsOf(t *testing.T, f *excelize.File, ref string) (string, []string) {
	t.Helper()
	m := rangeRE.FindStringSubmatch(ref)
	if m == nil {
		t.Fatalf("range %q", ref)
	}
	sheet := strings.ReplaceAll(m[1], "''", "'")
	from, _ := strconv.Atoi(m[3])
	to := from
	if m[5] != "" {
		to, _ = strconv.Atoi(m[5])
	}
	var out []string
	for r := from; r <= to; r++ {
		v, err := f.GetCellValue(sheet, fmt.Sprintf("%s%d", m[2], r), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return sheet, out
}

func workbookCharts(t *testing.T, body []byte) (*excelize.File, []xlsxChart) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var charts []xlsxChart
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		rc.Close()
		var x chartXML
		if err := xml.Unmarshal(raw, &x); err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		c := xlsxChart{Title: strings.Join(x.Title, ""), Series: map[string]map[string]string{}}
		for _, ser := range append(x.Bars, x.Lines...) {
			_, name := cellsOf(t, f, ser.Name)
			_, cats := cellsOf(t, f, ser.Categories)
			sheet, vals := cellsOf(t, f, ser.Values)
			c.Sheet = sheet
			s := map[string]string{}
			for i := range cats {
				s[cats[i]] = vals[i]
			}
			c.Series[name[0]] = s
		}
		charts = append(charts, c)
	}
	return f, charts
}

// The workbook has a native chart on every section's sheet, and the cells
// the charts draw hold the API's figures.
func TestNetworkReportXLSX(t *testing.T) {
	srv, st := newTestServer(t)
	addSecondLine(t, st)
	rec := get(t, srv.Handler(), "/reports/network.xlsx?year=2024&lang=nl")
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "infocentre_report_2024_nl.xlsx") {
		t.Fatalf("status %d, %q", rec.Code, rec.Header().Get("Content-Disposition"))
	}
	f, charts := workbookCharts(t, rec.Body.Bytes())
	l := newLocale("nl")
	perSheet := map[string]int{}
	for _, c := range charts {
		perSheet[c.Sheet]++
		if len(c.Series) == 0 {
			t.Errorf("chart %q draws no series", c.Title)
		}
	}
	sheets := f.GetSheetList()
	if sheets[0] != "About" || len(sheets) != len(reportSectionIDs) { // sources are on About
		t.Errorf("sheets %v", sheets)
	}
	for _, sh := range sheets[1:] {
		if perSheet[sh] == 0 {
			t.Errorf("sheet %q has no chart", sh)
		}
	}
	byTitle := map[string]xlsxChart{}
	for _, c := range charts {
		byTitle[c.Title] = c
	}
	now := apiValues(t, srv, 2024)
	label := func(code string) string {
		m, _ := figures.Find(srv.ref(), code)
		return m.Label(srv.ref(), l.p)
	}
	received := label("received")
	expect := func(title, series, category string, want float64) {
		t.Helper()
		c, ok := byTitle[title]
		if !ok {
			t.Errorf("no chart %q", title)
			return
		}
		got, err := strconv.ParseFloat(c.Series[series][category], 64)
		if err != nil || got != want {
			t.Errorf("chart %q, %s, %s = %q, want %v", title, series, category, c.Series[series][category], want)
		}
	}
	expect(l.T("report.totals.chart"), received, "2024", apiSum(now, "received"))
	expect(l.T("report.totals.chart"), label("closed"), "2024", apiSum(now, "closed"))
	for org, v := range now {
		o, _ := srv.ref().Organisation(org)
		name := o.Name.In("nl")
		expect(fmt.Sprintf(l.T("report.ranking.chart"), received, 2024), "2024", name, v["received"])
		expect(fmt.Sprintf(l.T("report.ranking.chart"), label("avg_days"), 2024), "2024", name, v["avg_days"])
		expect(received, received, name, v["received"])
	}
	in, _ := srv.ref().Indicator("by_channel")
	expect(fmt.Sprintf(l.T("report.breakdown.chart"), in.Label.NL), "2024", "E-mail", apiSum(now, "by_channel:email"))
	expect(fmt.Sprintf(l.T("report.ranking.chart"), label("second_line"), 2024), "2024", "FOD Financiën", 12)
	expect(l.T("report.facts.rates"), "2024", label("founded_share"),
		100*apiSum(now, "founded", "partly_founded")/apiSum(now, "closed"))
	about, _ := f.GetRows("About")
	var text strings.Builder
	for _, r := range about {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	if !strings.Contains(text.String(), "fixture.csv") || !strings.Contains(text.String(), l.T("report.xlsx.extracted")) {
		t.Errorf("About sheet does not name the sources and the time of extraction:\n%s", text.String())
	}
}

// addSecondLine publishes a new version of FIN 2024 that also reports the
// second line and improvement actions, which the shared fixture lacks.
func addSecondLine(t *testing.T, st *store.Store) {
	t.Helper()
	obs := append(fixtureObservations("FIN", 2024, fixtureReceived["FIN"][2024]),
		domain.Observation{Organisation: "FIN", Year: 2024, Indicator: "second_line", Value: 12},
		domain.Observation{Organisation: "FIN", Year: 2024, Indicator: "improvement_actions", Value: 3})
	importApproved(t, st, "fin-2024-v2.csv", obs)
}
