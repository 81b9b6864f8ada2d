package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
)

// letterMeasures are the figures of the letter, each against the medians.
var letterMeasures = []string{"received", "admissible", "inadmissible", "closed", "founded", "partly_founded", "unfounded",
	"open_end_of_year", "admissible_share", "founded_share", "ack_on_time_share", "closed_on_time_share", "avg_days",
	"second_line", "suggestions", "compliments", "improvement_actions", "criteria_met"}

// Letter lays out an administration's yearly letter: its figures against
// the network and its group, the change on the previous year, its rates, its
// criteria.
func (d *Documents) Letter(ctx context.Context, l *locale.Printer, o reference.Organisation, year int) (Page, error) {
	n, err := d.figures.Network(ctx, year, "")
	if err != nil {
		return Page{}, fmt.Errorf("report: letter %s: %w", o.Code, err)
	}
	name := o.Name.In(l.Lang())
	p := Page{Printer: l, Year: year, Version: d.version,
		Title:     fmt.Sprintf(l.T("report.letter.title"), year),
		Subtitle:  name,
		Extracted: n.Extracted.In(domain.Brussels()).Format("2006-01-02 15:04 MST")}
	intro := reportSection{ID: "letter", Title: name, Intro: []string{
		l.T("report.letter.salutation"),
		fmt.Sprintf(l.T("report.letter.body"), year, o.OfName(l.Lang())),
	}}
	if !n.Reported(o.Code, year) {
		intro.Intro = append(intro.Intro, fmt.Sprintf(l.T("report.letter.not_reported"), year))
	}
	intro.Intro = append(intro.Intro, l.T("report.letter.closing"))
	p.Sections = append(p.Sections, intro)

	figures, err := d.letterFigures(l, n, o)
	if err != nil {
		return Page{}, err
	}
	rates, err := d.letterRates(l, n, o)
	if err != nil {
		return Page{}, err
	}
	targets, err := d.targetsSection(ctx, year, "", o.Code)
	if err != nil {
		return Page{}, err
	}
	tsec, err := targets(l, n)
	if err != nil {
		return Page{}, err
	}
	p.Sections = append(p.Sections, figures, rates, tsec, d.letterBreakdowns(l, n, o), d.letterCriteria(l, n, o),
		d.letterNotes(l, n, o),
		d.sourcesSection(l, n, o.Code))
	return p, nil
}

func (d *Documents) letterFigures(l *locale.Printer, n *Network, o reference.Organisation) (reportSection, error) {
	sec := reportSection{ID: "figures", Title: l.T("report.letter.figures"), Intro: []string{l.T("report.letter.figures_intro")}}
	y, prev := n.Year, n.Previous()
	t := reportTable{ID: "figures", Head: []string{"", strconv.Itoa(y), strconv.Itoa(prev), l.T("report.change"),
		l.T("report.letter.group_median"), l.T("report.letter.network_median")}}
	for _, code := range letterMeasures {
		m := Must(d.ref(), code)
		v, pv := n.Value(o.Code, m, y), n.Value(o.Code, m, prev)
		t.Rows = append(t.Rows, reportRow{Key: code, Label: d.measureLabel(l, code), Cells: []reportCell{
			num(l, v, m.Unit), num(l, pv, m.Unit), change(l, v, pv, m.Unit),
			num(l, n.Median(m, y, o.GroupIn(y)), m.Unit), num(l, n.Median(m, y, ""), m.Unit)}})
	}
	m := Must(d.ref(), "received")
	labels := yearLabels(n.Years)
	own := dashboards.Series{Name: o.Name.In(l.Lang())}
	med := dashboards.Series{Name: l.T("report.letter.network_median"), Reference: true}
	grp := dashboards.Series{Name: l.T("report.letter.group_median"), Reference: true}
	trend := reportTable{ID: "figures-trend", Head: []string{l.T("table.year"), own.Name, grp.Name, med.Name}}
	for i, yr := range n.Years {
		own.Values = append(own.Values, n.Value(o.Code, m, yr))
		grp.Values = append(grp.Values, n.Median(m, yr, o.GroupIn(yr)))
		med.Values = append(med.Values, n.Median(m, yr, ""))
		trend.Rows = append(trend.Rows, reportRow{Key: labels[i], Label: labels[i], Cells: []reportCell{
			num(l, own.Values[i], "count"), num(l, grp.Values[i], "count"), num(l, med.Values[i], "count")}})
	}
	title := fmt.Sprintf(l.T("report.letter.trend"), d.measureLabel(l, "received"))
	chart, err := dashboards.Trend(reportSpec(l, "letter-received", title, dashboards.UnitCount, labels), []dashboards.Series{own, grp, med})
	rc, err := reportChartOf(chart, err, title, trend)
	sec.Charts = append(sec.Charts, rc)
	sec.Tables = append(sec.Tables, t)
	return sec, err
}

func (d *Documents) letterRates(l *locale.Printer, n *Network, o reference.Organisation) (reportSection, error) {
	sec := reportSection{ID: "rates", Title: l.T("report.letter.rates")}
	labels := yearLabels(n.Years)
	t := reportTable{ID: "rates", Head: []string{l.T("table.year")}}
	var lines []dashboards.Series
	for _, m := range percentRates() {
		ser := dashboards.Series{Name: d.measureLabel(l, m.Code)}
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
	title := fmt.Sprintf(l.T("report.letter.rates_chart"), o.OfName(l.Lang()))
	chart, err := dashboards.Trend(reportSpec(l, "letter-rates", title, dashboards.UnitPercent, labels), lines)
	rc, err := reportChartOf(chart, err, title, t)
	sec.Charts = append(sec.Charts, rc)
	return sec, err
}

func (d *Documents) letterBreakdowns(l *locale.Printer, n *Network, o reference.Organisation) reportSection {
	sec := reportSection{ID: "breakdowns", Title: l.T("report.letter.breakdowns")}
	for _, b := range reportBreakdowns {
		in, _ := d.ref().Indicator(b[1])
		own, net := n.PartTotals(b[1], n.Year, o.Code), n.PartTotals(b[1], n.Year, "")
		t := reportTable{ID: b[0], Head: []string{in.Label.In(l.Lang()), o.Code, l.T("report.share"), l.T("report.network_share")}}
		for _, v := range d.ref().BreakdownValuesOf(in.Breakdown) {
			t.Rows = append(t.Rows, reportRow{Key: v.Code, Label: v.Label.In(l.Lang()), Cells: []reportCell{
				num(l, valueOr(own, v.Code), "count"), num(l, share(own, v.Code), "percent"), num(l, share(net, v.Code), "percent")}})
		}
		sec.Tables = append(sec.Tables, t)
	}
	return sec
}

func (d *Documents) letterCriteria(l *locale.Printer, n *Network, o reference.Organisation) reportSection {
	sec := reportSection{ID: "criteria", Title: l.T("report.criteria.title")}
	for _, r := range n.Matrix.Rows {
		if r.Organisation != o.Code {
			continue
		}
		if r.Assessment == nil {
			sec.Intro = append(sec.Intro, l.T("criteria.not_assessed"))
			break
		}
		t := reportTable{ID: "criteria", Head: []string{l.T("criteria.criterion"), l.T("report.state"), l.T("criteria.comment")}}
		crit := d.ref().Criteria
		for i, c := range criterionStates(l, *r.Assessment, r.Check) {
			t.Rows = append(t.Rows, reportRow{Key: strconv.Itoa(c.Criterion), Label: strconv.Itoa(c.Criterion) + ". " + crit[i].Label.In(l.Lang()),
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

// criterionState is one criterion of an assessment as the report shows it:
// a class for the colour and words, so that colour is never the only signal.
type criterionState struct {
	Criterion int
	State     string // met, partly, not_met, or "none"
	Text      string
	Comment   string
	Check     string // what the latest mystery-shopping check shows, for criteria 8 and 9
}

// criterionStates lays out the 14 criteria of an assessment.
func criterionStates(l *locale.Printer, a domain.Assessment, check *domain.MysteryCheck) []criterionState {
	out := make([]criterionState, 0, domain.CriteriaCount)
	for n := 1; n <= domain.CriteriaCount; n++ {
		st := criterionState{Criterion: n, State: "none"}
		ans, ok := a.Answer(n)
		if ok && ans.State != "" {
			st.State = ans.State
		}
		if ok {
			st.Comment = ans.Comment
		}
		if check != nil {
			st.Check = check.Evidence(l, n)
		}
		st.Text = l.T("criteria.state." + st.State)
		out = append(out, st)
	}
	return out
}

// letterNotes lists the values of the administration's submissions that
// were flagged (a question) or explained, with what was written.
func (d *Documents) letterNotes(l *locale.Printer, n *Network, o reference.Organisation) reportSection {
	sec := reportSection{ID: "flagged", Title: l.T("report.flagged.title")}
	own := map[int64]bool{}
	for _, sub := range n.Sources {
		own[sub.ID] = sub.Organisation == o.Code
	}
	t := reportTable{ID: "notes", Head: []string{l.T("report.flagged.value"), l.T("report.flagged.kind"),
		l.T("report.flagged.text"), l.T("report.sources.date")}}
	for _, note := range n.Notes {
		if !own[note.SubmissionID] {
			continue
		}
		label := d.measureLabel(l, note.Indicator)
		if in, ok := d.ref().Indicator(note.Indicator); ok && note.Breakdown != "" {
			label += " – " + d.ref().BreakdownLabel(in.Breakdown, note.Breakdown, l.Lang())
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
