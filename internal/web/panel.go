package web

import (
	"sort"
	"strconv"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// panel is one chart with, next to it, the same data as a table and links to
// download exactly that data (templates/panel.html).
type panel struct {
	L     Locale
	Title string
	Chart dashboards.Chart
	Table table
	CSV   string
	XLSX  string
}

// The tables, extract filters and links of the panels are internal/figures'.
type (
	table        = figures.Table
	tableRow     = figures.Row
	extractQuery = figures.Query
	orgLink      = figures.OrgLink
)

// figurePanel is the panel of a figure built by internal/figures.
func figurePanel(l Locale, f figures.Figure) panel {
	return newPanel(l, f.Title, f.Chart, f.Table, f.Query)
}

func newPanel(l Locale, title string, chart dashboards.Chart, t table, q extractQuery) panel {
	csv, xlsx := q.Links(l.Lang)
	return panel{L: l, Title: title, Chart: chart, Table: t, CSV: csv, XLSX: xlsx}
}

// option is one entry of a <select> or a checkbox list.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// scopeOptions builds the two scope pickers: groups and administrations.
func scopeOptions(ref *reference.Catalogue, l Locale, sc store.Scope) (groupOpts, orgOpts []option) {
	for _, g := range groups(ref) {
		groupOpts = append(groupOpts, option{Value: g, Label: groupName(ref, g, l.Lang), Selected: sc.Group == g})
	}
	for _, o := range sortedOrganisations(ref, l) {
		orgOpts = append(orgOpts, option{Value: o.Code, Label: o.Name.In(l.Lang), Selected: sc.Organisation == o.Code})
	}
	return groupOpts, orgOpts
}

// yearOptions offers the published years, latest first.
func yearOptions(years []int, selected int) []option {
	out := make([]option, 0, len(years))
	for i := len(years) - 1; i >= 0; i-- {
		out = append(out, option{Value: strconv.Itoa(years[i]), Label: strconv.Itoa(years[i]), Selected: years[i] == selected})
	}
	return out
}

// measureOptions offers the measures, derived rates first; breakdown
// indicators only when withBreakdowns.
func measureOptions(ref *reference.Catalogue, l Locale, selected string, withBreakdowns bool) []option {
	var out []option
	for _, m := range figures.All(ref) {
		if m.Breakdown != "" && !withBreakdowns {
			continue
		}
		out = append(out, option{Value: m.Code, Label: m.Label(ref, l.p), Selected: m.Code == selected})
	}
	return out
}

// sortedOrganisations lists the catalogue's administrations by name in l.
func sortedOrganisations(ref *reference.Catalogue, l Locale) []reference.Organisation {
	out := append([]reference.Organisation(nil), ref.Organisations...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name.In(l.Lang) < out[j].Name.In(l.Lang) })
	return out
}
