package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/report"
)

// letterMeasures are the figures of the letter, each against the medians.
var letterMeasures = []string{"received", "admissible", "inadmissible", "closed", "founded", "partly_founded", "unfounded",
	"open_end_of_year", "admissible_share", "founded_share", "ack_on_time_share", "closed_on_time_share", "avg_days",
	"second_line", "suggestions", "compliments", "improvement_actions", "criteria_met"}

// letterOrg reads the administration of /reports/organisations/:code.
func (s *Server) letterOrg(c echo.Context) (reference.Organisation, error) {
	code := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(c.Param("code"), ".pdf"), ".html"))
	o, ok := s.ref().Organisation(code)
	if !ok {
		return o, domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", code)
	}
	return o, nil
}

// buildLetter lays out an administration's yearly letter: its figures
// against the network and its group, the change on the previous year, its
// rates, its criteria.
func (s *Server) buildLetter(ctx context.Context, l Locale, o reference.Organisation, year int) (reportPage, error) {
	n, err := s.reports.Network(ctx, year, "")
	if err != nil {
		return reportPage{}, fmt.Errorf("web: letter %s: %w", o.Code, err)
	}
	name := o.Name.In(l.Lang)
	p := reportPage{Locale: l, Year: year, Version: s.cfg.Version,
		Title:     fmt.Sprintf(l.T("report.letter.title"), year),
		Subtitle:  name,
		Extracted: n.Extracted.In(domain.Brussels()).Format("2006-01-02 15:04 MST")}
	intro := reportSection{ID: "letter", Title: name, Intro: []string{
		l.T("report.letter.salutation"),
		fmt.Sprintf(l.T("report.letter.body"), year, o.OfName(l.Lang)),
	}}
	if !n.Reported(o.Code, year) {
		intro.Intro = append(intro.Intro, fmt.Sprintf(l.T("report.letter.not_reported"), year))
	}
	intro.Intro = append(intro.Intro, l.T("report.letter.closing"))
	p.Sections = append(p.Sections, intro)

	figures, err := s.letterFigures(l, n, o)
	if err != nil {
		return reportPage{}, err
	}
	rates, err := s.letterRates(l, n, o)
	if err != nil {
		return reportPage{}, err
	}
	targets, err := s.targetsSection(ctx, year, "", o.Code)
	if err != nil {
		return reportPage{}, err
	}
	tsec, err := targets(l, n)
	if err != nil {
		return reportPage{}, err
	}
	p.Sections = append(p.Sections, figures, rates, tsec, s.letterBreakdowns(l, n, o), s.letterCriteria(l, n, o),
		s.letterNotes(l, n, o),
		s.sourcesSection(l, n, o.Code))
	return p, nil
}

func (s *Server) letterFigures(l Locale, n *report.Network, o reference.Organisation) (reportSection, error) {
	sec := reportSection{ID: "figures", Title: l.T("report.letter.figures"), Intro: []string{l.T("report.letter.figures_intro")}}
	y, prev := n.Year, n.Previous()
	t := reportTable{ID: "figures", L: l, Head: []string{"", strconv.Itoa(y), strconv.Itoa(prev), l.T("report.change"),
		l.T("report.letter.group_median"), l.T("report.letter.network_median")}}
	for _, code := range letterMeasures {
		m := report.Must(s.ref(), code)
		v, pv := n.Value(o.Code, m, y), n.Value(o.Code, m, prev)
		t.Rows = append(t.Rows, reportRow{Key: code, Label: s.measureLabel(l, code), Cells: []reportCell{
			num(l, v, m.Unit), num(l, pv, m.Unit), change(l, v, pv, m.Unit),
			num(l, n.Median(m, y, o.GroupIn(y)), m.Unit), num(l, n.Median(m, y, ""), m.Unit)}})
	}
	m := report.Must(s.ref(), "received")
	labels := yearLabels(n.Years)
	own := dashboards.Series{Name: o.Name.In(l.Lang)}
	med := dashboards.Series{Name: l.T("report.letter.network_median"), Reference: true}
	grp := dashboards.Series{Name: l.T("report.letter.group_median"), Reference: true}
	trend := reportTable{ID: "figures-trend", L: l, Head: []string{l.T("table.year"), own.Name, grp.Name, med.Name}}
	for i, yr := range n.Years {
		own.Values = append(own.Values, n.Value(o.Code, m, yr))
		grp.Values = append(grp.Values, n.Median(m, yr, o.GroupIn(yr)))
		med.Values = append(med.Values, n.Median(m, yr, ""))
		trend.Rows = append(trend.Rows, reportRow{Key: labels[i], Label: labels[i], Cells: []reportCell{
			num(l, own.Values[i], "count"), num(l, grp.Values[i], "count"), num(l, med.Values[i], "count")}})
	}
	title := fmt.Sprintf(l.T("report.letter.trend"), s.measureLabel(l, "received"))
	chart, err := dashboards.Trend(reportSpec(l, "letter-received", title, dashboards.UnitCount, labels), []dashboards.Series{own, grp, med})
	rc, err := reportChartOf(chart, err, title, trend)
	sec.Charts = append(sec.Charts, rc)
	sec.Tables = append(sec.Tables, t)
	return sec, err
}

func (s *Server) letterRates(l Locale, n *report.Network, o reference.Organisation) (reportSection, error) {
	sec := reportSection{ID: "rates", Title: l.T("report.letter.rates")}
	labels := yearLabels(n.Years)
	t := reportTable{ID: "rates", L: l, Head: []string{l.T("table.year")}}
	var lines []dashboards.Series
	for _, m := range report.Rates {
		ser := dashboards.Series{Name: s.measureLabel(l, m.Code)}
		for _, y := range n.Years {
			ser.Values = append(ser.Values, n.Value(o.Code, m, y))
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
	title := fmt.Sprintf(l.T("report.letter.rates_chart"), o.OfName(l.Lang))
	chart, err := dashboards.Trend(reportSpec(l, "letter-rates", title, dashboards.UnitPercent, labels), lines)
	rc, err := reportChartOf(chart, err, title, t)
	sec.Charts = append(sec.Charts, rc)
	return sec, err
}

func (s *Server) letterBreakdowns(l Locale, n *report.Network, o reference.Organisation) reportSection {
	sec := reportSection{ID: "breakdowns", Title: l.T("report.letter.breakdowns")}
	for _, b := range reportBreakdowns {
		in, _ := s.ref().Indicator(b[1])
		own, net := n.PartTotals(b[1], n.Year, o.Code), n.PartTotals(b[1], n.Year, "")
		t := reportTable{ID: b[0], L: l, Head: []string{in.Label.In(l.Lang), o.Code, l.T("report.share"), l.T("report.network_share")}}
		for _, v := range s.ref().BreakdownValuesOf(in.Breakdown) {
			t.Rows = append(t.Rows, reportRow{Key: v.Code, Label: v.Label.In(l.Lang), Cells: []reportCell{
				num(l, valueOr(own, v.Code), "count"), num(l, share(own, v.Code), "percent"), num(l, share(net, v.Code), "percent")}})
		}
		sec.Tables = append(sec.Tables, t)
	}
	return sec
}

func (s *Server) letterCriteria(l Locale, n *report.Network, o reference.Organisation) reportSection {
	sec := reportSection{ID: "criteria", Title: l.T("report.criteria.title")}
	for _, r := range n.Matrix.Rows {
		if r.Organisation != o.Code {
			continue
		}
		if r.Assessment == nil {
			sec.Intro = append(sec.Intro, l.T("criteria.not_assessed"))
			break
		}
		t := reportTable{ID: "criteria", L: l, Head: []string{l.T("criteria.criterion"), l.T("report.state"), l.T("criteria.comment")}}
		heads := s.criterionHeads(l)
		for i, c := range stateCells(l, *r.Assessment, r.Check) {
			t.Rows = append(t.Rows, reportRow{Key: strconv.Itoa(c.Criterion), Label: strconv.Itoa(c.Criterion) + ". " + heads[i].Label,
				Cells: []reportCell{{Text: c.Text, Class: "state " + c.State}, text(strings.TrimSpace(c.Comment + " " + c.Check))}})
		}
		sec.Intro = append(sec.Intro, fmt.Sprintf(l.T("report.letter.criteria_met"), r.Assessment.Met()))
		sec.Tables = append(sec.Tables, t)
	}
	for _, e := range n.Protocol {
		if e.Organisation == o.Code {
			sec.Intro = append(sec.Intro, fmt.Sprintf(l.T("report.letter.protocol"), e.Since))
		}
	}
	return sec
}

// letterNotes lists the values of the administration's submissions that
// were flagged (a question) or explained, with what was written.
func (s *Server) letterNotes(l Locale, n *report.Network, o reference.Organisation) reportSection {
	sec := reportSection{ID: "flagged", Title: l.T("report.flagged.title")}
	own := map[int64]bool{}
	for _, sub := range n.Sources {
		own[sub.ID] = sub.Organisation == o.Code
	}
	t := reportTable{ID: "notes", L: l, Head: []string{l.T("report.flagged.value"), l.T("report.flagged.kind"),
		l.T("report.flagged.text"), l.T("report.sources.date")}}
	for _, note := range n.Notes {
		if !own[note.SubmissionID] {
			continue
		}
		label := s.measureLabel(l, note.Indicator)
		if in, ok := s.ref().Indicator(note.Indicator); ok && note.Breakdown != "" {
			label += " – " + s.ref().BreakdownLabel(in.Breakdown, note.Breakdown, l.Lang)
		}
		t.Rows = append(t.Rows, reportRow{Key: note.Indicator, Label: label, Cells: []reportCell{
			text(l.T("report.flagged.kind." + note.Kind)), text(note.Body), text(note.CreatedAt.In(domain.Brussels()).Format("2006-01-02"))}})
	}
	if len(t.Rows) == 0 {
		sec.Intro = []string{l.T("report.flagged.none")}
		return sec
	}
	sec.Intro = []string{l.T("report.flagged.intro")}
	sec.Tables = append(sec.Tables, t)
	return sec
}
