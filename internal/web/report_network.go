package web

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/report"
)

// reportFacts are the fast facts of the report, beside the previous year.
var reportFacts = []string{"received", "admissible", "closed", "admissible_share", "founded_share",
	"ack_on_time_share", "closed_on_time_share", "avg_days", "second_line", "improvement_actions"}

// reportTotals are the network totals followed over the years.
var reportTotals = []string{"received", "admissible", "closed", "founded", "partly_founded", "unfounded"}

// reportAnnex are the columns of the annex, one row per administration.
var reportAnnex = []string{"received", "admissible", "closed", "admissible_share", "founded_share",
	"ack_on_time_share", "closed_on_time_share", "avg_days", "second_line", "improvement_actions", "criteria_met"}

// reportBreakdowns are the breakdown sections: id and indicator.
var reportBreakdowns = [][2]string{{"channels", "by_channel"}, {"languages", "by_language"}, {"types", "founded_by_type"}}

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

// buildNetworkReport lays out the yearly report of the network (or a group).
func (s *Server) buildNetworkReport(ctx context.Context, l Locale, year int, group string) (reportPage, error) {
	n, err := s.reports.Network(ctx, year, group)
	if err != nil {
		return reportPage{}, fmt.Errorf("web: network report: %w", err)
	}
	scope := l.T("report.network")
	if group != "" {
		scope = l.T("group." + group)
	}
	p := reportPage{Locale: l, Year: year, Version: s.cfg.Version,
		Title:     fmt.Sprintf(l.T("report.network.title"), year),
		Subtitle:  scope,
		Extracted: n.Extracted.In(domain.Brussels()).Format("2006-01-02 15:04 MST")}
	builders := []func(l Locale, n *report.Network) (reportSection, error){
		s.factsSection, s.totalsSection, s.groupsSection, s.rankingsSection,
	}
	for _, b := range reportBreakdowns {
		id, indicator := b[0], b[1]
		builders = append(builders, func(l Locale, n *report.Network) (reportSection, error) {
			return s.breakdownSection(l, n, id, indicator)
		})
	}
	targets, err := s.targetsSection(ctx, year, group, "")
	if err != nil {
		return reportPage{}, err
	}
	builders = append(builders, s.onTimeSection, targets, s.processingSection, s.secondLineSection,
		s.improvementSection, s.criteriaSection, s.reportingSection, s.annexSection)
	for _, b := range builders {
		sec, err := b(l, n)
		if err != nil {
			return reportPage{}, err
		}
		p.Sections = append(p.Sections, sec)
	}
	p.Sections = append(p.Sections, s.sourcesSection(l, n, ""))
	return p, nil
}

func (s *Server) factsSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "facts", Title: l.T("report.facts.title")}
	y, prev := n.Year, n.Previous()
	reported, missing := n.Reporters(y)
	reportedBefore, _ := n.Reporters(prev)
	sec.Intro = []string{fmt.Sprintf(l.T("report.facts.intro"), len(reported), len(reported)+len(missing), y)}
	head := []string{"", strconv.Itoa(y), strconv.Itoa(prev), l.T("report.change")}
	t := reportTable{ID: "facts", L: l, Head: head}
	title := l.T("report.facts.rates")
	rates := reportTable{ID: "facts-rates", L: l, Head: head, XLSX: &report.Chart{Kind: "col", Title: title, Columns: []int{0, 1}}}
	t.Rows = append(t.Rows, reportRow{Key: "reporters", Label: l.T("report.reporters"), Cells: []reportCell{
		num(l, float64(len(reported)), "count"), num(l, float64(len(reportedBefore)), "count"),
		change(l, float64(len(reported)), float64(len(reportedBefore)), "count")}})
	var labels []string
	var now, before []float64
	for _, code := range reportFacts {
		m := report.Must(s.ref(), code)
		v, pv := n.Total(m, y, ""), n.Total(m, prev, "")
		label := s.measureLabel(l, code)
		if m.Unit == "days" {
			label = l.T("tile.median_avg_days")
		}
		sec.Facts = append(sec.Facts, tile{Label: label, Value: l.Value(v, m.Unit),
			Previous: fmt.Sprintf(l.T("tile.previous"), prev, l.Value(pv, m.Unit))})
		row := reportRow{Key: code, Label: label, Cells: []reportCell{num(l, v, m.Unit), num(l, pv, m.Unit), change(l, v, pv, m.Unit)}}
		if !m.IsRate() {
			t.Rows = append(t.Rows, row)
			continue
		}
		rates.Rows = append(rates.Rows, row)
		labels = append(labels, label)
		now, before = append(now, v), append(before, pv)
	}
	chart, err := dashboards.Grouped(reportSpec(l, "facts-rates", title, dashboards.UnitPercent, labels),
		[]dashboards.Series{{Name: strconv.Itoa(prev), Values: before, Reference: true}, {Name: strconv.Itoa(y), Values: now}})
	rc, err := reportChartOf(chart, err, title, rates)
	sec.Charts = append(sec.Charts, rc)
	sec.Tables = append(sec.Tables, t)
	return sec, err
}

func (s *Server) totalsSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "totals", Title: l.T("report.totals.title"),
		Intro: []string{fmt.Sprintf(l.T("report.totals.intro"), n.Years[0], n.Year)}}
	labels := yearLabels(n.Years)
	title := l.T("report.totals.chart")
	t := reportTable{ID: "totals", L: l, Head: []string{l.T("table.year"), l.T("report.reporters")},
		XLSX: &report.Chart{Kind: "line", Title: title, Columns: []int{1, 2, 3}}}
	var lines []dashboards.Series
	for _, code := range reportTotals {
		m := report.Must(s.ref(), code)
		ser := dashboards.Series{Name: s.measureLabel(l, code)}
		for _, y := range n.Years {
			ser.Values = append(ser.Values, n.Total(m, y, ""))
		}
		lines = append(lines, ser)
		t.Head = append(t.Head, ser.Name)
	}
	for i, y := range n.Years {
		reported, _ := n.Reporters(y)
		row := reportRow{Key: labels[i], Label: labels[i], Cells: []reportCell{num(l, float64(len(reported)), "count")}}
		for _, ser := range lines {
			row.Cells = append(row.Cells, num(l, ser.Values[i], "count"))
		}
		t.Rows = append(t.Rows, row)
	}
	chart, err := dashboards.Trend(reportSpec(l, "totals-trend", title, dashboards.UnitCount, labels), lines[:3])
	rc, err := reportChartOf(chart, err, title, t)
	sec.Charts = append(sec.Charts, rc)
	return sec, err
}

func (s *Server) groupsSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "groups", Title: l.T("report.groups.title")}
	cols := []string{"received", "admissible_share", "founded_share", "ack_on_time_share", "closed_on_time_share", "avg_days"}
	title := fmt.Sprintf(l.T("report.groups.chart"), n.Year)
	t := reportTable{ID: "groups", L: l, Head: []string{l.T("profile.group"), l.T("report.reporters")},
		XLSX: &report.Chart{Kind: "bar", Title: title, Columns: []int{1}}}
	for _, c := range cols {
		t.Head = append(t.Head, s.measureLabel(l, c))
	}
	var labels []string
	var received []float64
	for _, g := range n.Groups() {
		reporters := 0
		for _, o := range n.Members(n.Year) {
			if o.GroupIn(n.Year) == g && n.Reported(o.Code, n.Year) {
				reporters++
			}
		}
		row := reportRow{Key: g, Label: l.T("group." + g), Cells: []reportCell{num(l, float64(reporters), "count")}}
		for _, c := range cols {
			m := report.Must(s.ref(), c)
			row.Cells = append(row.Cells, num(l, n.Total(m, n.Year, g), m.Unit))
		}
		t.Rows = append(t.Rows, row)
		labels = append(labels, row.Label)
		received = append(received, n.Total(report.Must(s.ref(), "received"), n.Year, g))
	}
	chart, err := dashboards.Ranked(reportSpec(l, "groups-received", title, dashboards.UnitCount, labels), received, "", math.NaN())
	rc, err := reportChartOf(chart, err, title, t)
	sec.Charts = append(sec.Charts, rc)
	return sec, err
}

// rankedChart draws the administrations reporting code in the year, highest
// first, with the network median, and its table.
func (s *Server) rankedChart(l Locale, n *report.Network, id, code string) (reportChart, error) {
	m := report.Must(s.ref(), code)
	ranking := n.Ranking(m, n.Year)
	med := n.Median(m, n.Year, "")
	title := fmt.Sprintf(l.T("report.ranking.chart"), s.measureLabel(l, code), n.Year)
	t := reportTable{ID: id, L: l, Head: []string{l.T("report.org"), strconv.Itoa(n.Year), strconv.Itoa(n.Previous())},
		XLSX: &report.Chart{Kind: "bar", Title: title, Columns: []int{0}}}
	var labels []string
	var values []float64
	for _, r := range ranking {
		name := r.Org.Name.In(l.Lang)
		labels = append(labels, name)
		values = append(values, r.Value)
		t.Rows = append(t.Rows, reportRow{Key: r.Org.Code, Label: name, Cells: []reportCell{num(l, r.Value, m.Unit), num(l, n.Value(r.Org.Code, m, n.Previous()), m.Unit)}})
	}
	t.Rows = append(t.Rows, reportRow{Key: "median", Label: l.T("chart.median"), Total: true, Cells: []reportCell{
		num(l, med, m.Unit), num(l, n.Median(m, n.Previous(), ""), m.Unit)}})
	if !m.IsRate() && m.Unit == "count" {
		t.Rows = append(t.Rows, reportRow{Key: "total", Label: l.T("report.total"), Total: true, Cells: []reportCell{
			num(l, n.Total(m, n.Year, ""), m.Unit), num(l, n.Total(m, n.Previous(), ""), m.Unit)}})
	}
	chart, err := dashboards.Ranked(reportSpec(l, id, title, unitOf(m), labels), values, l.T("chart.median"), med)
	return reportChartOf(chart, err, title, t)
}

func unitOf(m report.Measure) dashboards.Unit {
	switch m.Unit {
	case "percent":
		return dashboards.UnitPercent
	case "days":
		return dashboards.UnitDays
	}
	return dashboards.UnitCount
}

func (s *Server) rankingsSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "rankings", Title: l.T("report.rankings.title"), Intro: []string{l.T("report.rankings.intro")}}
	for _, code := range []string{"received", "founded_share"} {
		rc, err := s.rankedChart(l, n, "ranking-"+code, code)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, rc)
	}
	return sec, nil
}

// breakdownSection shows the network's split of a breakdown indicator over
// the years as 100 % bars, with the counts and shares of the year.
func (s *Server) breakdownSection(l Locale, n *report.Network, id, indicator string) (reportSection, error) {
	in, _ := s.ref().Indicator(indicator)
	sec := reportSection{ID: id, Title: l.T("report." + id + ".title")}
	values := s.ref().BreakdownValuesOf(in.Breakdown)
	totals := make([]map[string]float64, len(n.Years))
	for i, y := range n.Years {
		totals[i] = n.PartTotals(indicator, y, "")
	}
	var parts []dashboards.Series
	for _, v := range values {
		ser := dashboards.Series{Name: v.Label.In(l.Lang)}
		for i := range n.Years {
			ser.Values = append(ser.Values, share(totals[i], v.Code))
		}
		parts = append(parts, ser)
	}
	y, prev := n.PartTotals(indicator, n.Year, ""), n.PartTotals(indicator, n.Previous(), "")
	title := fmt.Sprintf(l.T("report.breakdown.chart"), in.Label.In(l.Lang))
	t := reportTable{ID: id, L: l, Head: []string{in.Label.In(l.Lang), strconv.Itoa(n.Year), l.T("report.share"),
		strconv.Itoa(n.Previous()), l.T("report.share")}, XLSX: &report.Chart{Kind: "col", Title: title, Columns: []int{0, 2}}}
	for _, v := range values {
		t.Rows = append(t.Rows, reportRow{Key: v.Code, Label: v.Label.In(l.Lang), Cells: []reportCell{
			num(l, valueOr(y, v.Code), "count"), num(l, share(y, v.Code), "percent"),
			num(l, valueOr(prev, v.Code), "count"), num(l, share(prev, v.Code), "percent")}})
	}
	t.Rows = append(t.Rows, reportRow{Key: "total", Label: l.T("report.total"), Total: true, Cells: []reportCell{
		num(l, total(y), "count"), text(""), num(l, total(prev), "count"), text("")}})
	chart, err := dashboards.Stacked(reportSpec(l, id+"-shares", title, dashboards.UnitPercent, yearLabels(n.Years)), parts)
	rc, err := reportChartOf(chart, err, title, t)
	sec.Charts = append(sec.Charts, rc)
	return sec, err
}

func valueOr(m map[string]float64, k string) float64 {
	if v, ok := m[k]; ok {
		return v
	}
	return math.NaN()
}

func total(m map[string]float64) float64 {
	if len(m) == 0 {
		return math.NaN()
	}
	t := 0.0
	for _, v := range m {
		t += v
	}
	return t
}

// share is part k of the total in percent; NaN without figures.
func share(m map[string]float64, k string) float64 {
	t := total(m)
	if math.IsNaN(t) || t == 0 {
		return math.NaN()
	}
	return 100 * m[k] / t
}

func (s *Server) onTimeSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "ontime", Title: l.T("report.ontime.title"), Intro: []string{l.T("report.ontime.intro")}}
	labels := yearLabels(n.Years)
	title := l.T("report.ontime.chart")
	t := reportTable{ID: "ontime-trend", L: l, Head: []string{l.T("table.year")}, XLSX: &report.Chart{Kind: "line", Title: title, Columns: []int{0, 1}}}
	var lines []dashboards.Series
	for _, code := range []string{"ack_on_time_share", "closed_on_time_share"} {
		m := report.Must(s.ref(), code)
		ser := dashboards.Series{Name: s.measureLabel(l, code)}
		for _, y := range n.Years {
			ser.Values = append(ser.Values, n.Total(m, y, ""))
		}
		lines = append(lines, ser)
		t.Head = append(t.Head, ser.Name)
	}
	for i := range n.Years {
		row := reportRow{Key: labels[i], Label: labels[i]}
		for _, ser := range lines {
			row.Cells = append(row.Cells, num(l, ser.Values[i], "percent"))
		}
		t.Rows = append(t.Rows, row)
	}
	chart, err := dashboards.Trend(reportSpec(l, "ontime-trend", title, dashboards.UnitPercent, labels), lines)
	rc, err := reportChartOf(chart, err, title, t)
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, rc)
	for _, code := range []string{"ack_on_time_share", "closed_on_time_share"} {
		rc, err := s.rankedChart(l, n, "ranking-"+code, code)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, rc)
	}
	return sec, nil
}

func (s *Server) rankedSection(l Locale, n *report.Network, id string, codes ...string) (reportSection, error) {
	sec := reportSection{ID: id, Title: l.T("report." + id + ".title"), Intro: []string{l.T("report." + id + ".intro")}}
	for _, code := range codes {
		rc, err := s.rankedChart(l, n, "ranking-"+code, code)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, rc)
	}
	return sec, nil
}

func (s *Server) processingSection(l Locale, n *report.Network) (reportSection, error) {
	return s.rankedSection(l, n, "processing", "avg_days")
}

func (s *Server) secondLineSection(l Locale, n *report.Network) (reportSection, error) {
	return s.rankedSection(l, n, "secondline", "second_line")
}

func (s *Server) improvementSection(l Locale, n *report.Network) (reportSection, error) {
	return s.rankedSection(l, n, "improvement", "improvement_actions", "suggestions", "compliments")
}

func (s *Server) criteriaSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "criteria", Title: l.T("report.criteria.title"),
		Intro: []string{fmt.Sprintf(l.T("criteria.assessed"), n.Matrix.Assessed(), len(n.Matrix.Rows), n.Year)}}
	heads := s.criterionHeads(l)
	title := l.T("report.criteria.chart")
	counts := reportTable{ID: "criteria-counts", L: l, Head: []string{l.T("criteria.criterion"),
		l.T("criteria.state.met"), l.T("criteria.state.partly"), l.T("criteria.state.not_met")},
		XLSX: &report.Chart{Kind: "col_stacked", Title: title, Columns: []int{0, 1, 2}}}
	var labels []string
	var met, partly, notMet []float64
	for i, c := range n.Matrix.Counts() {
		label := strconv.Itoa(c.Criterion) + ". " + heads[i].Label
		labels = append(labels, strconv.Itoa(c.Criterion))
		met, partly, notMet = append(met, float64(c.Met)), append(partly, float64(c.Partly)), append(notMet, float64(c.NotMet))
		counts.Rows = append(counts.Rows, reportRow{Key: strconv.Itoa(c.Criterion), Label: label, Cells: []reportCell{
			num(l, float64(c.Met), "count"), num(l, float64(c.Partly), "count"), num(l, float64(c.NotMet), "count")}})
	}
	chart, err := dashboards.Stacked(reportSpec(l, "criteria-counts", title, dashboards.UnitCount, labels), []dashboards.Series{
		{Name: l.T("criteria.state.met"), Values: met}, {Name: l.T("criteria.state.partly"), Values: partly},
		{Name: l.T("criteria.state.not_met"), Values: notMet}})
	rc, err := reportChartOf(chart, err, title, counts)
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, rc)
	matrix := reportTable{ID: "criteria-matrix", L: l, Head: []string{l.T("report.org")}}
	for _, h := range heads {
		matrix.Head = append(matrix.Head, strconv.Itoa(h.Number))
	}
	matrix.Head = append(matrix.Head, l.T("criteria.met_count"))
	for _, r := range n.Matrix.Rows {
		row := reportRow{Key: r.Organisation, Label: s.orgShortName(r.Organisation, l)}
		if r.Assessment == nil {
			row.Cells = []reportCell{{Text: l.T("criteria.not_assessed"), Class: "span"}}
		} else {
			for _, c := range stateCells(l, *r.Assessment, nil) {
				row.Cells = append(row.Cells, reportCell{Text: stateMark(c.State), Class: "state " + c.State})
			}
			row.Cells = append(row.Cells, num(l, float64(r.Assessment.Met()), "count"))
		}
		matrix.Rows = append(matrix.Rows, row)
	}
	matrix.Note = l.T("report.criteria.legend")
	sec.Tables = append(sec.Tables, matrix)
	protocol := reportTable{ID: "protocol", L: l, Head: []string{l.T("report.org"), l.T("criteria.since")}}
	for _, e := range n.Protocol {
		protocol.Rows = append(protocol.Rows, reportRow{Key: e.Organisation, Label: s.orgShortName(e.Organisation, l),
			Cells: []reportCell{text(strconv.Itoa(e.Since))}})
	}
	if len(n.Protocol) == 0 {
		protocol.Note = l.T("criteria.protocol_none")
	}
	sec.Tables = append(sec.Tables, protocol)
	return sec, nil
}

// stateMark is the short text of a criterion's state in the matrix; the
// legend under the matrix spells it out.
func stateMark(state string) string {
	switch state {
	case "met":
		return "●"
	case "partly":
		return "◐"
	case "not_met":
		return "○"
	}
	return "–"
}

func (s *Server) reportingSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "reporting", Title: l.T("report.reporting.title")}
	reported, missing := n.Reporters(n.Year)
	sec.Intro = []string{fmt.Sprintf(l.T("overview.reported"), len(reported), len(reported)+len(missing), n.Year)}
	list := func(title string, orgs []string, empty string) reportList {
		return reportList{Title: title, Items: orgs, Empty: empty}
	}
	var yes, no []string
	for _, o := range reported {
		yes = append(yes, o.Name.In(l.Lang))
	}
	for _, o := range missing {
		no = append(no, o.Name.In(l.Lang))
	}
	sec.Lists = append(sec.Lists, list(l.T("report.reporting.reported"), yes, "–"), list(l.T("overview.missing"), no, l.T("overview.none_missing")))
	labels := yearLabels(n.Years)
	if n.Round != nil {
		sec.Tables = append(sec.Tables, s.roundTable(l, n))
	}
	title := l.T("report.reporting.chart")
	t := reportTable{ID: "reporting", L: l, Head: []string{l.T("table.year"), l.T("report.reporters"), l.T("report.reporting.not")},
		XLSX: &report.Chart{Kind: "line", Title: title, Columns: []int{0}}}
	var counts []float64
	for i, y := range n.Years {
		r, m := n.Reporters(y)
		counts = append(counts, float64(len(r)))
		t.Rows = append(t.Rows, reportRow{Key: labels[i], Label: labels[i], Cells: []reportCell{num(l, float64(len(r)), "count"), num(l, float64(len(m)), "count")}})
	}
	chart, err := dashboards.Trend(reportSpec(l, "reporting-trend", title, dashboards.UnitCount, labels),
		[]dashboards.Series{{Name: l.T("report.reporters"), Values: counts}})
	rc, err := reportChartOf(chart, err, title, t)
	sec.Charts = append(sec.Charts, rc)
	return sec, err
}

func (s *Server) annexSection(l Locale, n *report.Network) (reportSection, error) {
	sec := reportSection{ID: "annex", Title: fmt.Sprintf(l.T("report.annex.title"), n.Year), Intro: []string{l.T("report.annex.intro")}}
	t := reportTable{ID: "annex", L: l, Head: []string{l.T("report.org")},
		XLSX: &report.Chart{Kind: "bar", Title: s.measureLabel(l, reportAnnex[0]), Columns: []int{0}}}
	for _, c := range reportAnnex {
		t.Head = append(t.Head, s.measureLabel(l, c))
	}
	members := map[string]bool{}
	for _, o := range n.Members(n.Year) {
		members[o.Code] = true
	}
	for _, o := range sortedOrganisations(s.ref(), l) {
		if !members[o.Code] {
			continue
		}
		row := reportRow{Key: o.Code, Label: o.Name.In(l.Lang)}
		for _, c := range reportAnnex {
			m := report.Must(s.ref(), c)
			row.Cells = append(row.Cells, num(l, n.Value(o.Code, m, n.Year), m.Unit))
		}
		t.Rows = append(t.Rows, row)
	}
	total := reportRow{Key: "network", Label: l.T("report.network"), Total: true}
	for _, c := range reportAnnex {
		m := report.Must(s.ref(), c)
		if c == "criteria_met" {
			total.Cells = append(total.Cells, text(""))
			continue
		}
		total.Cells = append(total.Cells, num(l, n.Total(m, n.Year, ""), m.Unit))
	}
	t.Rows = append(t.Rows, total)
	t.Note = l.T("report.annex.note")
	sec.Tables = append(sec.Tables, t)
	return sec, nil
}

func yearLabels(years []int) []string {
	out := make([]string, len(years))
	for i, y := range years {
		out[i] = strconv.Itoa(y)
	}
	return out
}

// reportSpec is the spec of a report chart: no save button (it is paper).
func reportSpec(l Locale, id, title string, unit dashboards.Unit, labels []string) dashboards.Spec {
	return dashboards.Spec{ID: id, Title: title, SaveAs: l.T("chart.save"), Unit: unit, Labels: labels}
}

// roundTable says, when the year had a reporting round, where each
// administration stands and whether it reported by the deadline.
func (s *Server) roundTable(l Locale, n *report.Network) reportTable {
	t := reportTable{ID: "round", L: l, Head: []string{l.T("report.org"), l.T("report.round.status"),
		l.T("report.round.first"), l.T("report.round.on_time")},
		Note: fmt.Sprintf(l.T("report.round.deadline"), n.Round.Deadline.Format("2006-01-02"))}
	for _, e := range n.Entries {
		first, onTime := "–", "–"
		if e.FirstSubmittedAt != nil {
			first = e.FirstSubmittedAt.In(domain.Brussels()).Format("2006-01-02")
		}
		if e.OnTime != nil {
			onTime = l.T("report.round.late")
			if *e.OnTime {
				onTime = l.T("report.round.in_time")
			}
		}
		t.Rows = append(t.Rows, reportRow{Key: e.Organisation, Label: s.orgShortName(e.Organisation, l), Cells: []reportCell{
			text(l.T("report.round.status." + e.Status)), text(first), text(onTime)}})
	}
	return t
}
