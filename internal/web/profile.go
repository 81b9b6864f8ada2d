package web

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/dashboards"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

// profileCharts are the measures drawn on a profile, each against the
// network median; the table below them lists every measure.
var profileCharts = []string{"received", "admissible_share", "founded_share", "ack_on_time_share", "closed_on_time_share", "avg_days"}

type profilePage struct {
	page
	Code        string
	Name        string
	Group       string
	SecondLine  string
	Empty       bool
	NotReported []int
	// Predecessors names the administrations that merged into this one;
	// their years before it started are drawn as a line of their own.
	Predecessors string
	Panels       []panel
	Breakdowns   []panel
	All          table
	Criteria     profileCriteria
	Targets      table // the rates with a target, latest year, with their state
}

// profile is GET /organisations/CODE.
func (s *Server) profile(c echo.Context) error {
	return s.cached(c, "profile", nil, func(ctx context.Context, l Locale) (any, error) {
		return s.buildProfile(ctx, c, l)
	})
}

func (s *Server) buildProfile(ctx context.Context, c echo.Context, l Locale) (any, error) {
	code := c.Param("code")
	o, ok := s.ref().Organisation(code)
	if !ok {
		return nil, domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", code)
	}
	years, err := s.st.DashboardYears(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: profile %s: %w", code, err)
	}
	p := profilePage{page: s.base(c, l, "", o.Name.In(l.Lang)), Code: code, Name: o.Name.In(l.Lang),
		Group: groupName(s.ref(), o.Group, l.Lang), SecondLine: l.T("second_line." + o.SecondLine), Empty: len(years) == 0}
	if p.Empty {
		return p, nil
	}
	if p.Criteria, err = s.buildProfileCriteria(ctx, code, l); err != nil {
		return nil, err
	}
	own, err := s.st.DashboardProfile(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("web: profile %s: %w", code, err)
	}
	network, err := s.st.DashboardNetwork(ctx, store.Scope{})
	if err != nil {
		return nil, fmt.Errorf("web: profile %s: %w", code, err)
	}
	mine, all := figures.ByOrgYear(own), figures.ByOrgYear(network)
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = strconv.Itoa(y)
		if o.ActiveIn(y) && !figures.Reported(own, y) {
			p.NotReported = append(p.NotReported, y)
		}
	}
	before := s.ref().Predecessors(code)
	var names []string
	for _, pre := range before {
		names = append(names, pre.Code)
	}
	p.Predecessors = strings.Join(names, " + ")
	// predecessorsSeries adds up the predecessors' figures of the years
	// before this administration started; the network's figures are not
	// touched, so nothing is counted twice there.
	predecessorsSeries := func(m measure) dashboards.Series {
		ser := dashboards.Series{Name: l.T("profile.predecessors_series", p.Predecessors), Reference: true}
		for _, y := range years {
			var vals []map[string]float64
			if y < o.FirstYear {
				for _, pre := range before {
					if v, ok := all[orgYear{Org: pre.Code, Year: y}]; ok {
						vals = append(vals, v)
					}
				}
			}
			ser.Values = append(ser.Values, figures.Pooled(m, vals))
		}
		return ser
	}
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: profile %s: %w", code, err)
	}
	byYear := map[int]map[string]map[string]float64{}
	for k, v := range all {
		if byYear[k.Year] == nil {
			byYear[k.Year] = map[string]map[string]float64{}
		}
		byYear[k.Year][k.Org] = v
	}
	// series gives the administration's line and the network median; for a
	// rate also the median of its size band (peers), both without small
	// numbers.
	series := func(m measure) (dashboards.Series, dashboards.Series, *dashboards.Series) {
		ownSer := dashboards.Series{Name: o.Name.In(l.Lang)}
		medSer := dashboards.Series{Name: l.T("table.median"), Reference: true}
		var peerSer *dashboards.Series
		if m.Rate != nil {
			peerSer = &dashboards.Series{Name: l.T("fair.peer_median"), Reference: true}
		}
		for _, y := range years {
			ownSer.Values = append(ownSer.Values, m.Of(mine[orgYear{Org: code, Year: y}]))
			if m.Rate == nil {
				var vs []float64
				for _, v := range byYear[y] {
					vs = append(vs, m.Of(v))
				}
				medSer.Values = append(medSer.Values, rates.Median(vs))
				continue
			}
			fy := settings.ComputeYear(*m.Rate, byYear[y])
			medSer.Values = append(medSer.Values, fy.Network)
			peer := math.NaN()
			if band := settings.Band(mine[orgYear{Org: code, Year: y}]); band != "" {
				peer = fy.ByBand[band]
			}
			peerSer.Values = append(peerSer.Values, peer)
		}
		return ownSer, medSer, peerSer
	}
	for _, mc := range profileCharts {
		m, _ := figures.Find(s.ref(), mc)
		label := m.Label(s.ref(), l.p)
		ownSer, medSer, peerSer := series(m)
		lines := []dashboards.Series{ownSer, medSer}
		if peerSer != nil {
			lines = append(lines, *peerSer)
		}
		if len(before) > 0 {
			lines = append(lines, predecessorsSeries(m))
		}
		chart, err := dashboards.Trend(figures.Spec(l.p, "profile-"+m.Code, label, m.Unit, labels), lines)
		if err != nil {
			return nil, fmt.Errorf("web: profile %s: %w", code, err)
		}
		p.Panels = append(p.Panels, newPanel(l, label, chart, figures.SeriesTable(l.p, labels, lines, nil, string(m.Unit)),
			extractQuery{Years: years, Organisations: []string{code}, Indicators: m.Terms}))
	}
	for _, m := range figures.All(s.ref()) {
		if m.Breakdown == "" {
			ownSer, medSer, peerSer := series(m)
			label := m.Label(s.ref(), l.p)
			if m.Rate != nil && m.Rate.PerActivity() {
				label += " (" + figures.ActivityUnit(l.p, settings, code) + ")"
			}
			own := figures.RowOf(l.p, label, ownSer.Values, string(m.Unit), false)
			if m.Rate != nil {
				figures.MarkSmall(l.p, &own, m, years, settings, func(y int) map[string]float64 { return mine[orgYear{Org: code, Year: y}] })
			}
			p.All.Rows = append(p.All.Rows, own, figures.RowOf(l.p, l.T("table.median"), medSer.Values, string(m.Unit), true))
			if peerSer != nil {
				p.All.Rows = append(p.All.Rows, figures.RowOf(l.p, l.T("fair.peer_median"), peerSer.Values, string(m.Unit), true))
			}
			if len(before) > 0 {
				p.All.Rows = append(p.All.Rows, figures.RowOf(l.p, l.T("profile.predecessors_series", p.Predecessors), predecessorsSeries(m).Values, string(m.Unit), true))
			}
			continue
		}
		f, ok, err := figures.Breakdown(s.ref(), l.p, m, code, years, own)
		if err != nil {
			return nil, fmt.Errorf("web: profile %s: %w", code, err)
		}
		if ok {
			p.Breakdowns = append(p.Breakdowns, figurePanel(l, f))
		}
	}
	p.All.Head = append([]string{l.T("filter.indicator")}, labels...)
	p.Targets = figures.Targets(l.p, years, settings, func(y int) map[string]float64 { return mine[orgYear{Org: code, Year: y}] })
	return p, nil
}
